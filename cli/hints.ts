/** What to do when there is no manifest where the CLI looked. */
export const NO_MANIFEST_HINT = 'Create an app here with `chainlit-rt init`, or name a manifest: `chainlit-rt serve path/to/app.yaml`.';
