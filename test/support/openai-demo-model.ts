import type { ChatRequest, ScriptedReply } from './openai-server.js';

/**
 * A deterministic stand-in model for conversation specs of LLM apps (a fallback for
 * `startOpenAiServer`): it calls the calculator for "calculate …", convert_units for
 * "convert <n> <unit> to <unit>", reads tool results back, and otherwise echoes.
 */
export function demoModel(request: ChatRequest): ScriptedReply {
  const last = request.messages.at(-1);
  if (last?.role === 'tool') {
    const results = [];
    for (let i = request.messages.length - 1; i >= 0 && request.messages[i]!.role === 'tool'; i--) results.unshift(String(request.messages[i]!.content));
    return { content: `The result is ${results.join(' and ')}.` };
  }
  const text = typeof last?.content === 'string' ? last.content : '';
  const offered = new Set((request.tools ?? []).map((t) => t.function.name));
  const calc = /^calculate\s+(.+)$/i.exec(text);
  if (calc && offered.has('calculator')) return { toolCalls: [{ name: 'calculator', arguments: JSON.stringify({ expression: calc[1] }) }] };
  const conv = /^convert\s+(-?[\d.]+)\s+(\S+)\s+to\s+(\S+)$/i.exec(text);
  if (conv && offered.has('convert_units')) {
    return { toolCalls: [{ name: 'convert_units', arguments: JSON.stringify({ value: Number(conv[1]), from: conv[2], to: conv[3] }) }] };
  }
  const turns = request.messages.filter((m) => m.role === 'user').length;
  return { content: `You said: ${text} (message ${turns})` };
}
