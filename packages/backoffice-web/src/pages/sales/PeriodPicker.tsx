import { Group, NativeSelect, TextInput } from '@mantine/core';
import { useT } from '../../i18n/I18nProvider';
import {
  periodPresets,
  periodProblem,
  presetPeriod,
  type Period,
  type PeriodChoice,
  type PeriodProblem,
} from './period';

/** What the period picker holds: a preset, or the typed days of "Eget datumintervall". */
export interface PeriodValue {
  choice: PeriodChoice;
  custom: Period;
}

/** The period a value stands for on `today`, or why it cannot be used. */
export function resolvePeriod(
  value: PeriodValue,
  today: string,
): { ok: true; period: Period } | { ok: false; problem: PeriodProblem } {
  if (value.choice !== 'custom') return { ok: true, period: presetPeriod(value.choice, today) };
  const problem = periodProblem(value.custom);
  return problem === null ? { ok: true, period: value.custom } : { ok: false, problem };
}

const problemKey = {
  'invalid-date': 'period.problem.invalidDate',
  reversed: 'period.problem.reversed',
  'too-long': 'period.problem.tooLong',
} as const;

/** Idag, igår, denna vecka … or a custom from–to (both days included). */
export function PeriodPicker({
  value,
  today,
  onChange,
}: {
  value: PeriodValue;
  today: string;
  onChange: (value: PeriodValue) => void;
}) {
  const t = useT();
  const resolved = resolvePeriod(value, today);
  const choose = (choice: PeriodChoice) => {
    // Switching to custom starts from the period shown so far.
    const shown = resolvePeriod(value, today);
    onChange({ choice, custom: shown.ok && choice === 'custom' ? shown.period : value.custom });
  };
  return (
    <Group gap="sm" align="flex-start" wrap="wrap">
      <NativeSelect
        label={t('period.label')}
        value={value.choice}
        onChange={(event) => choose(event.currentTarget.value as PeriodChoice)}
        data={[
          ...periodPresets.map((preset) => ({ value: preset, label: t(`period.${preset}`) })),
          { value: 'custom', label: t('period.custom') },
        ]}
        w={200}
      />
      {value.choice === 'custom' && (
        <>
          <TextInput
            type="date"
            label={t('period.from')}
            value={value.custom.from}
            max={today}
            onChange={(event) =>
              onChange({ ...value, custom: { ...value.custom, from: event.currentTarget.value } })
            }
            error={!resolved.ok ? t(problemKey[resolved.problem]) : undefined}
            w={170}
          />
          <TextInput
            type="date"
            label={t('period.to')}
            value={value.custom.to}
            onChange={(event) =>
              onChange({ ...value, custom: { ...value.custom, to: event.currentTarget.value } })
            }
            w={170}
          />
        </>
      )}
    </Group>
  );
}
