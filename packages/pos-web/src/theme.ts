import {
  Alert,
  Button,
  createTheme,
  PasswordInput,
  SegmentedControl,
  Tabs,
  TextInput,
  type CSSVariablesResolver,
} from '@mantine/core';

// A till is used standing, by touch, in a bright shop: large type, targets of at least 48 px
// (Mantine's `lg` inputs and buttons are 50 px high) and text colours with strong contrast.
export const theme = createTheme({
  primaryColor: 'teal',
  primaryShade: 9,
  defaultRadius: 'md',
  // People who ask their system for less motion get no fades or slides (and so do browser tests).
  respectReducedMotion: true,
  fontSizes: { xs: '0.875rem', sm: '1rem', md: '1.125rem', lg: '1.25rem', xl: '1.5rem' },
  components: {
    Alert: Alert.extend({ defaultProps: { radius: 'md' } }),
    Button: Button.extend({ defaultProps: { size: 'lg' } }),
    PasswordInput: PasswordInput.extend({ defaultProps: { size: 'lg' } }),
    SegmentedControl: SegmentedControl.extend({ defaultProps: { size: 'lg' } }),
    Tabs: Tabs.extend({ defaultProps: { variant: 'outline' } }),
    TextInput: TextInput.extend({ defaultProps: { size: 'lg' } }),
  },
});

/** Mantine's "dimmed" grey is too faint for a shop floor; use a darker one for help texts. */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: { '--mantine-color-dimmed': 'var(--mantine-color-gray-8)' },
  dark: {},
});
