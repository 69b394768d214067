import { Box } from '@mantine/core';

/** ok green, info blue, warning amber, bad red. */
export type Tone = 'ok' | 'info' | 'warning' | 'bad';

const toneColour: Record<Tone, string> = {
  ok: 'var(--mantine-color-green-6)',
  info: 'var(--mantine-color-blue-4)',
  warning: 'var(--mantine-color-yellow-5)',
  bad: 'var(--mantine-color-red-6)',
};

/** The coloured dot in front of each line of the status bar (the text says the same). */
export function StatusDot({ tone }: { tone: Tone }) {
  return (
    <Box
      aria-hidden
      w={14}
      h={14}
      style={{
        borderRadius: '50%',
        background: toneColour[tone],
        border: '2px solid white',
        flex: 'none',
      }}
    />
  );
}
