/**
 * The message tree (PROTOCOL.md §2.2 "Tree building"). Pure functions over immutable
 * arrays: every change copies the path from the root to the touched node so React can
 * skip untouched subtrees by reference.
 */
import type { IStep } from './types.js';

export function findStep(steps: IStep[], id: string): IStep | undefined {
  for (const s of steps) {
    if (s.id === id) return s;
    if (s.steps?.length) {
      const hit = findStep(s.steps, id);
      if (hit) return hit;
    }
  }
  return undefined;
}

export function hasStep(steps: IStep[], id: string): boolean {
  return findStep(steps, id) !== undefined;
}

/** Applies `fn` to the node with `id`, copying the path; returns the same array when absent. */
function mapNode(steps: IStep[], id: string, fn: (s: IStep) => IStep): IStep[] {
  for (let i = 0; i < steps.length; i++) {
    const s = steps[i]!;
    if (s.id === id) {
      const next = steps.slice();
      next[i] = fn(s);
      return next;
    }
    if (s.steps?.length) {
      const children = mapNode(s.steps, id, fn);
      if (children !== s.steps) {
        const next = steps.slice();
        next[i] = { ...s, steps: children };
        return next;
      }
    }
  }
  return steps;
}

/** Merges a few fields into one node (the client's own changes: feedback, favorite). */
export function patchStep(steps: IStep[], id: string, patch: Partial<IStep>): IStep[] {
  return mapNode(steps, id, (old) => ({ ...old, ...patch }));
}

/** A full payload replaces the node's fields; children built on the client are kept. */
export function updateStep(steps: IStep[], step: IStep): IStep[] {
  return mapNode(steps, step.id, (old) => ({ ...old, ...step, steps: old.steps }));
}

/**
 * new_message / stream_start: merge when known; attach under the parent when it has one
 * (dropped when the parent is unknown, as Chainlit's clients do); else append at the top.
 */
export function addStep(steps: IStep[], step: IStep): IStep[] {
  if (hasStep(steps, step.id)) return updateStep(steps, step);
  if (step.parentId) {
    return mapNode(steps, step.parentId, (parent) => ({
      ...parent,
      steps: [...(parent.steps ?? []), { ...step, steps: step.steps ?? [] }],
    }));
  }
  return [...steps, { ...step, steps: step.steps ?? [] }];
}

export function removeStep(steps: IStep[], id: string): IStep[] {
  let changed = false;
  const out: IStep[] = [];
  for (const s of steps) {
    if (s.id === id) {
      changed = true;
      continue;
    }
    if (s.steps?.length) {
      const children = removeStep(s.steps, id);
      if (children !== s.steps) {
        changed = true;
        out.push({ ...s, steps: children });
        continue;
      }
    }
    out.push(s);
  }
  return changed ? out : steps;
}

export function appendToken(
  steps: IStep[],
  id: string,
  token: string,
  isSequence: boolean,
  isInput: boolean,
): IStep[] {
  return mapNode(steps, id, (s) => {
    if (isInput) return { ...s, input: isSequence ? token : (s.input ?? '') + token };
    return { ...s, output: isSequence ? token : (s.output ?? '') + token };
  });
}

/** Top-level messages after (and excluding) `id`, used when a message is edited. */
export function dropAfter(steps: IStep[], id: string): IStep[] {
  const i = steps.findIndex((s) => s.id === id);
  return i < 0 ? steps : steps.slice(0, i + 1);
}

/** Rebuilds a tree from a flat, parent-first list (resume_thread). */
export function buildTree(flat: IStep[]): IStep[] {
  let tree: IStep[] = [];
  for (const s of flat) tree = addStep(tree, { ...s, steps: [] });
  return tree;
}

export function countSteps(steps: IStep[]): number {
  let n = 0;
  for (const s of steps) n += 1 + (s.steps ? countSteps(s.steps) : 0);
  return n;
}
