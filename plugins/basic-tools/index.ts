import { definePlugin } from 'chainlit-rt';
import { evaluate } from './calculator.js';
import { UNITS, convert } from './units.js';

/**
 * Tools for LLM apps, with no hooks of their own: list this plugin in a manifest and an
 * LLM plugin (openai-chat) can offer them to its model. See docs/llm.md.
 */
export default definePlugin({
  name: 'basic-tools',
  tools: {
    calculator: {
      description: 'Evaluates an arithmetic expression exactly: + - * / % ^, parentheses, pi, e, sqrt(), abs(), round(), ln(), log10(), sin(), cos(), tan(). Use it for any arithmetic.',
      parameters: {
        type: 'object',
        additionalProperties: false,
        required: ['expression'],
        properties: { expression: { type: 'string', minLength: 1, description: 'e.g. "(17 + 25) * 3"' } },
      },
      run: (args) => evaluate(String(args.expression)),
    },
    current_time: {
      description: 'The current date and time, in a time zone.',
      parameters: {
        type: 'object',
        additionalProperties: false,
        properties: { timezone: { type: 'string', description: 'IANA time zone, e.g. "Europe/Paris" (default UTC)' } },
      },
      run(args) {
        const timeZone = typeof args.timezone === 'string' ? args.timezone : 'UTC';
        const now = new Date();
        // Intl throws a RangeError naming the zone when it is unknown.
        const local = new Intl.DateTimeFormat('en-CA', { timeZone, dateStyle: 'short', timeStyle: 'medium', hourCycle: 'h23' }).format(now);
        return { timezone: timeZone, local, iso: now.toISOString() };
      },
    },
    convert_units: {
      description: `Converts a quantity between units of length, mass, volume, speed or temperature. Units: ${UNITS.join(', ')}.`,
      parameters: {
        type: 'object',
        additionalProperties: false,
        required: ['value', 'from', 'to'],
        properties: {
          value: { type: 'number' },
          from: { type: 'string', enum: UNITS },
          to: { type: 'string', enum: UNITS },
        },
      },
      run: (args) => ({ value: convert(Number(args.value), String(args.from), String(args.to)), unit: String(args.to) }),
    },
  },
});
