import { createTheme } from '@mantine/core';

export const theme = createTheme({
  primaryColor: 'teal',
  primaryShade: 8,
  defaultRadius: 'md',
  // People who ask their system for less motion get no fades or slides (and so do browser tests).
  respectReducedMotion: true,
});
