import * as A from '@radix-ui/react-aspect-ratio';

export const AspectRatio = A.Root;
