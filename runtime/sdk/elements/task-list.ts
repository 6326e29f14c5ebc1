import { JsonElement, jsonText } from './json-content.js';

/** The states of a task, as the UI styles them (`.task-status-<status>`). */
export const TaskStatus = {
  READY: 'ready',
  RUNNING: 'running',
  DONE: 'done',
  FAILED: 'failed',
} as const;
export type TaskStatus = (typeof TaskStatus)[keyof typeof TaskStatus];

export interface TaskOptions {
  title: string;
  /** Default `TaskStatus.READY`. */
  status?: TaskStatus;
  /** Id of the message this task points at (clicking the task scrolls to it). */
  forId?: string;
}

/** One line of a TaskList. Change `status` (or `title`), then `taskList.send()` again. */
export class Task {
  title: string;
  status: TaskStatus;
  forId: string | null;

  constructor(options: TaskOptions) {
    this.title = options.title;
    this.status = options.status ?? TaskStatus.READY;
    this.forId = options.forId ?? null;
  }

  toJSON(): { title: string; status: TaskStatus; forId?: string } {
    return this.forId ? { title: this.title, status: this.status, forId: this.forId } : { title: this.title, status: this.status };
  }
}

export interface TaskListOptions {
  /** Text shown in the list's header, e.g. `Running...` (default `Ready`). */
  status?: string;
  tasks?: Task[];
  name?: string;
  id?: string;
}

/**
 * The task list panel beside the chat. The UI shows the last task list it received, so
 * send the same list again after each change.
 *
 * @example
 * ```ts
 * const list = new TaskList({ status: 'Running...' });
 * const fetch = new Task({ title: 'Fetch data', status: TaskStatus.RUNNING });
 * list.addTask(fetch);
 * await list.send();
 * fetch.status = TaskStatus.DONE;
 * list.status = 'Done';
 * await list.send();
 * ```
 */
export class TaskList extends JsonElement {
  status: string;
  tasks: Task[];

  constructor(options: TaskListOptions = {}) {
    super('tasklist', { name: options.name ?? 'tasklist', id: options.id, mime: 'application/json' }, 'tasklist');
    this.status = options.status ?? 'Ready';
    this.tasks = options.tasks ?? [];
  }

  addTask(task: Task): this {
    this.tasks.push(task);
    return this;
  }

  protected json(): string {
    return jsonText({ status: this.status, tasks: this.tasks }, 'Task list');
  }


  /** Sends the list as it is now (task lists belong to no message). */
  override async send(_forId?: string): Promise<this> {
    return super.send('');
  }
}
