import { ChainlitRtError, ManifestError, formatIssue } from '../../runtime/errors.js';
import { loadManifest } from '../../runtime/manifest/index.js';
import { NO_MANIFEST_HINT } from '../hints.js';

export interface ValidateOptions {
  env?: Record<string, string | undefined>;
  /** Where lines go (default: stdout for OK, stderr for issues). */
  out?: (line: string) => void;
  err?: (line: string) => void;
}

/**
 * `chainlit-rt validate <file>`: prints `OK: <file>` or one `file:line:col key.path: message`
 * line per issue. Returns the exit code (0 valid, 1 invalid or unreadable).
 */
export async function validateCommand(file: string, options: ValidateOptions = {}): Promise<number> {
  const out = options.out ?? ((line: string) => process.stdout.write(`${line}\n`));
  const err = options.err ?? ((line: string) => process.stderr.write(`${line}\n`));
  try {
    await loadManifest(file, { env: options.env });
    out(`OK: ${file}`);
    return 0;
  } catch (error) {
    if (error instanceof ManifestError) {
      for (const i of error.issues) err(formatIssue(i));
      return 1;
    }
    if (error instanceof ChainlitRtError) {
      err(`${error.code}: ${error.message}`);
      if (error.code === 'CRT_MANIFEST_NOT_FOUND') err(NO_MANIFEST_HINT);
      return 1;
    }
    throw error;
  }
}
