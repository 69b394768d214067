import { UsernameField } from '@kassa/web-kit';
import { Center, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { FormEvent, KeyboardEvent } from 'react';
import { useApi } from '../api/ApiProvider';
import type { LocalProblem } from '@kassa/contracts';
import { ErrorPanel } from '../components/ErrorPanel';
import { PinPad } from '../components/PinPad';
import { useErrorText, useLanguage, useT } from '../i18n/I18nProvider';
import type { PlainMessageKey } from '../i18n/translate';
import {
  isCompletePin,
  pinKeyFromKeyboard,
  pinMaxLength,
  pressPinKey,
  sanitisePin,
  type PinKey,
} from '../sign-in/pin';
import { useStatus } from '../status/StatusProvider';

type Problem = { kind: 'api'; error: unknown } | { kind: 'local'; key: PlainMessageKey } | null;

/** Is the key meant for this element itself (a text field, or a focused button's Enter)? */
function ownsKey(target: EventTarget | null, key: string): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement) return true;
  if (target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLButtonElement && (key === 'Enter' || key === ' ');
}

/** Cashier sign-in: username and PIN, on the screen's keypad or a physical keyboard. */
export function SignInPage({ problem: registerProblem }: { problem: LocalProblem | null }) {
  const t = useT();
  const [language] = useLanguage();
  const errorText = useErrorText();
  const api = useApi();
  const { update, reportError } = useStatus();
  const [username, setUsername] = useState('');
  const [pin, setPin] = useState('');
  const [problem, setProblem] = useState<Problem>(null);
  const [submitting, setSubmitting] = useState(false);
  const usernameRef = useRef<HTMLInputElement>(null);
  const pinRef = useRef<HTMLInputElement>(null);

  const submit = useCallback(() => {
    if (submitting) return;
    if (username.trim() === '') {
      setProblem({ kind: 'local', key: 'signIn.missingUsername' });
      usernameRef.current?.focus();
      return;
    }
    if (!isCompletePin(pin)) {
      // Enter in the username field just moves on to the PIN.
      if (pin !== '') setProblem({ kind: 'local', key: 'signIn.pinTooShort' });
      pinRef.current?.focus();
      return;
    }
    setSubmitting(true);
    setProblem(null);
    api.signIn(username.trim(), pin).then(
      (signedIn) => update((status) => ({ ...status, signedIn })),
      (error: unknown) => {
        // A wrong or refused PIN is never left on screen; the username stays.
        setPin('');
        setProblem({ kind: 'api', error });
        setSubmitting(false);
        reportError(error);
        pinRef.current?.focus();
      },
    );
  }, [api, pin, reportError, submitting, update, username]);

  const press = useCallback((key: PinKey) => {
    setPin((current) => pressPinKey(current, key));
  }, []);

  // A physical keyboard types the PIN wherever the focus is, except in a text field.
  useEffect(() => {
    const onKeyDown = (event: globalThis.KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || ownsKey(event.target, event.key))
        return;
      const key = pinKeyFromKeyboard(event.key);
      if (key !== null) {
        event.preventDefault();
        press(key);
      } else if (event.key === 'Enter') {
        event.preventDefault();
        submit();
      }
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [press, submit]);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    submit();
  }

  // Enter in either field is "OK" (a form with two fields and no submit button would not submit).
  function submitOnEnter(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    submit();
  }

  return (
    <Center style={{ flex: 1 }} p="lg">
      <Paper withBorder shadow="sm" radius="md" p="xl" w="100%" maw={860}>
        <Group align="stretch" justify="center" gap="xl" wrap="nowrap">
          <form onSubmit={onSubmit} noValidate style={{ flex: 1, minWidth: 280, maxWidth: 400 }}>
            <Stack gap="md">
              <div>
                <Title order={1}>{t('signIn.title')}</Title>
                <Text size="md" mt={4}>
                  {t('signIn.intro')}
                </Text>
              </div>
              <UsernameField
                ref={usernameRef}
                label={t('signIn.username')}
                value={username}
                onChange={(event) => setUsername(event.currentTarget.value)}
                onKeyDown={submitOnEnter}
                autoFocus
              />
              <TextInput
                ref={pinRef}
                className="pin-field"
                label={t('signIn.pin')}
                name="pin"
                type="password"
                // The keypad is the screen's keyboard: no on-screen keyboard pops up for this field.
                inputMode="none"
                autoComplete="off"
                maxLength={pinMaxLength}
                size="xl"
                value={pin}
                onChange={(event) => setPin(sanitisePin(event.currentTarget.value))}
                onKeyDown={submitOnEnter}
              />
              {registerProblem && (
                <ErrorPanel title={t('signIn.registerProblemTitle')}>
                  {registerProblem[language]}
                </ErrorPanel>
              )}
              {problem && (
                <ErrorPanel title={t('signIn.errorTitle')}>
                  {problem.kind === 'local' ? t(problem.key) : errorText(problem.error)}
                </ErrorPanel>
              )}
            </Stack>
          </form>
          <Stack justify="center">
            <PinPad onKey={press} onOk={submit} disabled={submitting} okLoading={submitting} />
          </Stack>
        </Group>
      </Paper>
    </Center>
  );
}
