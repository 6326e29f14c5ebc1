import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';

// Shown inside an AskElementMessage: submitElement / cancelElement answer the question.
export default function TicketForm() {
  const [title, setTitle] = useState(props.title ?? '');
  return (
    <div className="flex flex-col gap-2 rounded-md border p-3">
      <Label htmlFor="ticket-title">Title</Label>
      <Input id="ticket-title" value={title} onChange={(e) => setTitle(e.target.value)} />
      <div className="flex gap-2">
        <Button id="ticket-submit" onClick={() => submitElement({ title })}>Create</Button>
        <Button id="ticket-cancel" variant="outline" onClick={() => cancelElement()}>Cancel</Button>
      </div>
    </div>
  );
}
