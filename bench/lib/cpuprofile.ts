import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { REPO } from './proc.js';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Where a frame's code lives: an npm package, Node itself, the runtime's dist, or a file. */
function area(url: string, fn: string): string {
  if (!url) return fn.startsWith('(') ? fn : '(native)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return `npm:${pkg[1]}`;
  if (url.startsWith('node:')) return 'node internals';
  const path = url.startsWith('file://') ? relative(REPO, new URL(url).pathname) : url;
  if (path.startsWith('dist/')) return 'chainlit-rt (dist/)';
  return path;
}

function load(dir: string): CpuProfile[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.cpuprofile'))
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as CpuProfile);
}

/** Self time grouped by where the code lives, top first, idle excluded. */
export function byArea(dir: string, top = 10): Array<{ area: string; selfMs: number; share: number }> {
  const sums = new Map<string, number>();
  let total = 0;
  for (const profile of load(dir)) {
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    profile.samples.forEach((id, i) => {
      const frame = byId.get(id)?.callFrame;
      if (!frame || frame.functionName === '(idle)' || frame.functionName === '(program)') return;
      const key = area(frame.url, frame.functionName);
      const dt = profile.timeDeltas[i] ?? 0;
      sums.set(key, (sums.get(key) ?? 0) + dt);
      total += dt;
    });
  }
  return [...sums].sort((a, b) => b[1] - a[1]).slice(0, top).map(([name, us]) => ({ area: name, selfMs: us / 1000, share: total > 0 ? us / total : 0 }));
}

export interface Hotspot {
  fn: string;
  where: string;
  selfMs: number;
  share: number;
}

function place(url: string, line: number): string {
  if (!url) return '(native)';
  const path = url.startsWith('file://') ? relative(REPO, new URL(url).pathname) : url;
  return `${path}:${line + 1}`;
}

/** Self time per function over every .cpuprofile in `dir` (`node --cpu-prof` output), top first. */
export function hotspots(dir: string, top = 15): Hotspot[] {
  const self = new Map<string, { fn: string; where: string; us: number }>();
  let total = 0;
  for (const profile of load(dir)) {
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    profile.samples.forEach((id, i) => {
      const node = byId.get(id);
      const dt = profile.timeDeltas[i] ?? 0;
      if (!node) return;
      const { functionName, url, lineNumber } = node.callFrame;
      // Idle time is the event loop waiting, not work.
      if (functionName === '(idle)' || functionName === '(program)') return;
      const key = `${functionName}@${url}:${lineNumber}`;
      const entry = self.get(key) ?? { fn: functionName || '(anonymous)', where: place(url, lineNumber), us: 0 };
      entry.us += dt;
      total += dt;
      self.set(key, entry);
    });
  }
  return [...self.values()]
    .sort((a, b) => b.us - a.us)
    .slice(0, top)
    .map((e) => ({ fn: e.fn, where: e.where, selfMs: e.us / 1000, share: total > 0 ? e.us / total : 0 }));
}
