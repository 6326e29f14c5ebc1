import { Button } from '@/components/ui/button';
import { Minus, Plus, X } from 'lucide-react';

// `props`, `updateElement` and `deleteElement` are provided per element by the runtime.
export default function Counter() {
  return (
    <div id="counter" className="flex items-center gap-2 rounded-md border p-2">
      <Button id="decrement" variant="outline" size="icon" onClick={() => updateElement({ ...props, count: props.count - 1 })}>
        <Minus />
      </Button>
      <span className="min-w-8 text-center font-mono">{props.count}</span>
      <Button id="increment" variant="outline" size="icon" onClick={() => updateElement({ ...props, count: props.count + 1 })}>
        <Plus />
      </Button>
      <Button id="remove" variant="ghost" size="icon" onClick={() => deleteElement()}>
        <X />
      </Button>
    </div>
  );
}
