import {
  Alert,
  Button,
  CopyButton,
  Group,
  List,
  Modal,
  Paper,
  Radio,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { queries } from '../../api/queries';
import { useApi } from '../../api/ApiProvider';
import type { InstallerPlatform, Terminal } from '@kassa/contracts';
import type { InstallerDownload } from '../../api/backoffice-api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { QrCode } from '../../components/QrCode';
import { useApiData } from '../../hooks/useApiData';
import { useSubmit } from '../../hooks/useSubmit';
import { formatDateTime } from '../../i18n/format';
import { useT } from '../../i18n/I18nProvider';
import { CodeText } from './CodeText';
import { saveFile } from './saveFile';

/**
 * "Ladda ner installationsprogram": first what a download means (older codes stop working; a bound
 * terminal is probably the wrong one), then the download itself and the new pairing code, as
 * text and as a QR code, with the steps on the till PC.
 */
export function InstallerModal({
  terminal,
  onClose,
  onDownloaded,
}: {
  terminal: Terminal;
  onClose: () => void;
  onDownloaded: () => void;
}) {
  const t = useT();
  const api = useApi();
  const { submitting, error, run } = useSubmit();
  const [download, setDownload] = useState<InstallerDownload | null>(null);
  const [platform, setPlatform] = useState<InstallerPlatform>('windows');

  const start = () =>
    run(async () => {
      const downloaded = await api.downloadInstaller(terminal.id, platform);
      saveFile(downloaded.file, downloaded.fileName);
      setDownload(downloaded);
      onDownloaded();
    });

  return (
    <Modal
      opened
      onClose={onClose}
      size="lg"
      title={t('installer.title', { name: terminal.name })}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {download === null ? (
        <Stack gap="md">
          {terminal.binding !== null && (
            <Alert
              color="red"
              variant="light"
              title={t('installer.boundTitle')}
              icon={<span aria-hidden="true">⚠</span>}
            >
              {t('installer.boundBody', { pcName: terminal.binding.pcName })}
            </Alert>
          )}
          {!terminal.active && (
            <Alert color="orange" variant="light">
              {t('installer.inactive')}
            </Alert>
          )}
          <Text size="sm">{t('installer.intro', { registerId: terminal.registerId })}</Text>
          <Radio.Group
            label={t('installer.platform')}
            value={platform}
            onChange={(value) => setPlatform(value === 'linux' ? 'linux' : 'windows')}
          >
            <Stack gap="xs" mt={6}>
              <Radio
                value="windows"
                label={t('installer.platform.windows')}
                description={t('installer.platform.windowsHint')}
              />
              <Radio
                value="linux"
                label={t('installer.platform.linux')}
                description={t('installer.platform.linuxHint')}
              />
            </Stack>
          </Radio.Group>
          <CurrentCode terminalId={terminal.id} />
          {error !== null && <ErrorAlert error={error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button
              color={terminal.binding === null ? undefined : 'red'}
              loading={submitting}
              onClick={() => void start()}
              data-autofocus
            >
              {terminal.binding === null ? t('installer.download') : t('installer.downloadAnyway')}
            </Button>
          </Group>
        </Stack>
      ) : (
        <PairingCode download={download} onClose={onClose} />
      )}
    </Modal>
  );
}

/** Before a new download: whether a valid code exists, which the download would replace. */
function CurrentCode({ terminalId }: { terminalId: string }) {
  const t = useT();
  const { result } = useApiData(queries.pairingCode(terminalId));
  if (result.status === 'ready' && result.data !== null) {
    return (
      <Alert color="orange" variant="light">
        {t('installer.currentCode', { time: formatDateTime(result.data.expiresAt) })}
      </Alert>
    );
  }
  return (
    <Text size="sm" c="dimmed">
      {t('installer.replacesOlder')}
    </Text>
  );
}

function PairingCode({ download, onClose }: { download: InstallerDownload; onClose: () => void }) {
  const t = useT();
  const { pairingCode: code } = download;
  return (
    <Stack gap="md">
      <Alert color="teal" variant="light" role="status">
        {t('installer.downloaded', { fileName: download.fileName })}
      </Alert>

      <Paper component="section" withBorder radius="md" p="md" aria-labelledby="pairing-code">
        <Group justify="space-between" align="center" wrap="wrap" gap="lg">
          <Stack gap={6}>
            <Title order={3} size="h5" id="pairing-code">
              {t('installer.code')}
            </Title>
            <Text
              ff="monospace"
              fw={700}
              fz={34}
              lh={1.1}
              style={{ letterSpacing: '0.06em', whiteSpace: 'nowrap' }}
              data-testid="pairing-code"
            >
              {code}
            </Text>
            <Text size="sm" fw={500}>
              {t('installer.expires', { time: formatDateTime(download.expiresAt) })}
            </Text>
            <CopyButton value={code} timeout={2000}>
              {({ copied, copy }) => (
                <Button
                  size="compact-sm"
                  variant={copied ? 'filled' : 'light'}
                  color={copied ? 'teal' : 'gray'}
                  onClick={copy}
                  w="fit-content"
                >
                  {copied ? t('skatteverket.copied') : t('installer.copyCode')}
                </Button>
              )}
            </CopyButton>
          </Stack>
          <QrCode value={code} label={t('installer.qr', { code })} size={168} />
        </Group>
      </Paper>
      <Text size="sm" c="dimmed">
        {download.platform === 'windows' ? t('installer.win.shownOnce') : t('installer.shownOnce')}
      </Text>
      {download.platform === 'windows' && !download.signed && (
        <Alert color="orange" variant="light">
          {t('installer.win.unsignedNote')}
        </Alert>
      )}

      <section aria-labelledby="installer-steps">
        <Title order={3} size="h5" id="installer-steps" mb="xs">
          {t('installer.stepsTitle')}
        </Title>
        {download.platform === 'windows' ? (
          <List type="ordered" spacing="xs" size="sm">
            <List.Item>{t('installer.win.step.run', { fileName: download.fileName })}</List.Item>
            {!download.signed && <List.Item>{t('installer.win.step.smartScreen')}</List.Item>}
            <List.Item>{t('installer.win.step.connect')}</List.Item>
            <List.Item>{t('installer.win.step.done')}</List.Item>
          </List>
        ) : (
          <List type="ordered" spacing="xs" size="sm">
            <List.Item>{t('installer.step.unzip')}</List.Item>
            <List.Item>
              <CodeText text={t('installer.step.connect')} />
            </List.Item>
            <List.Item>{t('installer.step.smartScreen')}</List.Item>
            <List.Item>
              <CodeText text={t('installer.step.start')} />
            </List.Item>
          </List>
        )}
        <Text size="sm" c="dimmed" mt="sm">
          <CodeText text={t('installer.typeCode', { code })} />
        </Text>
      </section>

      <Group justify="flex-end">
        <Button onClick={onClose}>{t('common.close')}</Button>
      </Group>
    </Stack>
  );
}
