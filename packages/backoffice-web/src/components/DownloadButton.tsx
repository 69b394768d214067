import { Button, Popover, Text, type ButtonProps } from '@mantine/core';
import { useState } from 'react';
import { useApi } from '../api/ApiProvider';
import { useErrorText, useT } from '../i18n/I18nProvider';
import { saveFile } from '../pages/terminals/saveFile';

/**
 * Downloads a file from the API (an export, a PDF) and hands it to the browser under the name
 * the server gives it. A refusal (its Swedish or English text) shows beside the button instead
 * of a saved error page.
 */
export function DownloadButton({
  path,
  fallbackName,
  label,
  disabled,
  ...buttonProps
}: {
  path: string;
  fallbackName: string;
  label: string;
  disabled?: boolean;
} & Omit<ButtonProps, 'children' | 'loading'>) {
  const api = useApi();
  const t = useT();
  const errorText = useErrorText();
  const [working, setWorking] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function download() {
    setWorking(true);
    setError(null);
    try {
      const { file, fileName } = await api.download(path, fallbackName);
      saveFile(file, fileName);
    } catch (caught) {
      setError(caught);
    } finally {
      setWorking(false);
    }
  }

  return (
    <Popover
      opened={error !== null}
      onDismiss={() => setError(null)}
      position="bottom-end"
      withArrow
      width={320}
    >
      <Popover.Target>
        <Button
          variant="default"
          size="xs"
          {...buttonProps}
          loading={working}
          disabled={disabled}
          onClick={() => void download()}
          leftSection={<span aria-hidden="true">⤓</span>}
        >
          {label}
        </Button>
      </Popover.Target>
      <Popover.Dropdown role="alert">
        <Text size="sm" fw={600} c="red.8">
          {t('download.failed')}
        </Text>
        <Text size="sm">{error === null ? '' : errorText(error)}</Text>
      </Popover.Dropdown>
    </Popover>
  );
}
