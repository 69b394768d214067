import { Code } from '@mantine/core';
import { Fragment } from 'react';
import { splitCode } from './bindingRules';

/** A translated sentence whose `backticked` parts (commands) are shown as code. */
export function CodeText({ text }: { text: string }) {
  return (
    <>
      {splitCode(text).map((part, index) =>
        part.code ? (
          <Code key={index} fz="sm">
            {part.text}
          </Code>
        ) : (
          <Fragment key={index}>{part.text}</Fragment>
        ),
      )}
    </>
  );
}
