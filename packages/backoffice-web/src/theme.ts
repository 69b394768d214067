import { Badge, createTheme } from '@mantine/core';

export const theme = createTheme({
  primaryColor: 'teal',
  primaryShade: 8,
  defaultRadius: 'md',
  // People who ask their system for less motion get no fades or slides (and so do browser tests).
  respectReducedMotion: true,
  components: {
    // Status badges in table cells keep their full text instead of shrinking to "AK…".
    Badge: Badge.extend({ styles: { root: { minWidth: 'max-content' } } }),
  },
});
