/** The widget's bundled stylesheet, as text (ui/build-copilot.ts). */
declare module 'copilot-css:widget' {
  const css: string;
  export default css;
}
