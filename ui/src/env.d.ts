/** Modules esbuild handles that TypeScript does not know. */
declare module '*.css';
