import { Group, Progress, Text } from '@mantine/core';
import { useState } from 'react';
import type { LocalUploadStatus } from '@kassa/contracts';
import { useT } from '../i18n/I18nProvider';
import type { Translate } from '../i18n/translate';
import {
  describeUpload,
  drainPercent,
  formatCount,
  trackDrain,
  type BacklogAge,
  type DrainProgress,
} from '../status/upload';
import { useNow } from '../status/useNow';
import { StatusDot, type Tone } from './StatusDot';

/**
 * The journal's upload in the status bar: "Allt uppladdat", or how many entries wait and since
 * when (amber after an hour, red after a day), with a small progress bar while a backlog drains.
 */
export function UploadLine({ upload }: { upload: LocalUploadStatus }) {
  const t = useT();
  const now = useNow();
  const progress = useDrainProgress(upload);
  const view = describeUpload(upload, now);
  let tone: Tone;
  let text: string;
  switch (view.state) {
    case 'done':
      tone = 'ok';
      text = t('upload.done');
      break;
    case 'pending':
      tone = view.tone;
      text = pendingText(t, view.count, view.age);
      break;
    case 'stopped':
      tone = 'bad';
      text = view.count === 0 ? t('upload.stopped') : pendingText(t, view.count, view.age);
      break;
  }
  return (
    <Group gap={8} wrap="nowrap" data-upload={view.state} data-tone={tone}>
      <StatusDot tone={tone} />
      <Text size="sm" fw={600} c={textColour[tone]} style={{ whiteSpace: 'nowrap' }}>
        {text}
      </Text>
      {progress !== null && <DrainBar progress={progress} />}
    </Group>
  );
}

const textColour: Record<Tone, string> = {
  ok: 'white',
  info: 'white',
  warning: 'yellow.3',
  bad: 'red.3',
};

function pendingText(t: Translate, count: number, age: BacklogAge | null): string {
  const entries = t('upload.entries', { count });
  if (age === null) return t('upload.pending', { entries });
  return age.kind === 'time'
    ? t('upload.pendingTime', { entries, time: age.text })
    : t('upload.pendingDate', { entries, date: age.text });
}

/** The drain since it started, from one answer of the register to the next. */
function useDrainProgress(upload: LocalUploadStatus): DrainProgress | null {
  const [seen, setSeen] = useState(upload);
  const [progress, setProgress] = useState(() => trackDrain(null, upload));
  if (upload !== seen) {
    setSeen(upload);
    setProgress(trackDrain(progress, upload));
  }
  return progress;
}

function DrainBar({ progress }: { progress: DrainProgress }) {
  const t = useT();
  const percent = drainPercent(progress);
  return (
    <Group gap={6} wrap="nowrap" data-draining>
      <Progress
        value={percent}
        w={96}
        size="md"
        color="teal.4"
        bg="gray.6"
        striped
        animated
        aria-label={t('upload.progressLabel', {
          done: formatCount(progress.from - progress.left),
          total: formatCount(progress.from),
        })}
      />
      <Text size="sm" c="gray.3" style={{ whiteSpace: 'nowrap' }}>
        {t('upload.draining', { percent })}
      </Text>
    </Group>
  );
}
