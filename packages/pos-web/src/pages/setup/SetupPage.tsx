import { Button, Paper, Stack, Tabs, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { useApi } from '../../api/ApiProvider';
import type { LocalProblem, RegisterTerminalList } from '@kassa/contracts';
import { ErrorPanel } from '../../components/ErrorPanel';
import { PasswordField } from '@kassa/web-kit';
import { UsernameField } from '@kassa/web-kit';
import { useErrorText, useLanguage, useT } from '../../i18n/I18nProvider';
import type { PlainMessageKey } from '../../i18n/translate';
import { addressProblem } from '../../setup/address';
import { normalisePairingCode, tidyPairingCodeInput } from '../../setup/pairing-code';
import { useStatus } from '../../status/StatusProvider';
import { TerminalChoice } from './TerminalChoice';

type Method = 'password' | 'code';

/** An error from the register (shown in its own words) or from a check made here (a key). */
type Problem = { kind: 'api'; error: unknown } | { kind: 'local'; key: PlainMessageKey } | null;

/**
 * "Anslut kassan": binds this PC to a terminal, as the installation guide describes — the
 * environment's address, an administrator's username and password, "Anslut", then the terminal —
 * or with the pairing code from the installer download. Nothing typed is lost on an error.
 */
export function SetupPage({ registerProblem }: { registerProblem: LocalProblem | null }) {
  const t = useT();
  const [language] = useLanguage();
  const api = useApi();
  const { update } = useStatus();

  const [method, setMethod] = useState<Method>('password');
  const [address, setAddress] = useState('');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [terminals, setTerminals] = useState<RegisterTerminalList | null>(null);
  const [terminalId, setTerminalId] = useState<string | null>(null);
  const [problem, setProblem] = useState<Problem>(null);
  const [submitting, setSubmitting] = useState(false);

  // The installer's provisioning (address and code of the terminal it was downloaded for): the
  // cashier only has to press "Anslut".
  useEffect(() => {
    let cancelled = false;
    api
      .provisioning()
      .then((found) => {
        if (cancelled || !found.found) return;
        setMethod('code');
        setAddress(found.url);
        setCode(found.pairingCode);
      })
      .catch(() => undefined); // an older register without the route: type them in
    return () => {
      cancelled = true;
    };
  }, [api]);

  async function attempt(action: () => Promise<void>) {
    setSubmitting(true);
    setProblem(null);
    try {
      await action();
    } catch (error) {
      setProblem({ kind: 'api', error });
    } finally {
      setSubmitting(false);
    }
  }

  function checkAddress(required: boolean): boolean {
    const found = addressProblem(address);
    if (found === 'no-scheme') {
      setProblem({ kind: 'local', key: 'setup.addressWithoutScheme' });
      return false;
    }
    if (found === 'missing' && required) {
      setProblem({ kind: 'local', key: 'setup.missingCredentials' });
      return false;
    }
    return true;
  }

  function submitCredentials(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!checkAddress(true)) return;
    if (username.trim() === '' || password === '') {
      setProblem({ kind: 'local', key: 'setup.missingCredentials' });
      return;
    }
    void attempt(async () => {
      const list = await api.terminals({
        url: address.trim(),
        username: username.trim(),
        password,
      });
      setTerminals(list);
      setTerminalId(null);
    });
  }

  function reloadTerminals() {
    void attempt(async () => {
      const list = await api.terminals({
        url: address.trim(),
        username: username.trim(),
        password,
      });
      setTerminals(list);
      if (!list.terminals.some((terminal) => terminal.id === terminalId)) setTerminalId(null);
    });
  }

  function connectToTerminal(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (terminalId === null) {
      setProblem({ kind: 'local', key: 'terminals.chooseFirst' });
      return;
    }
    void attempt(async () => {
      const status = await api.connect({
        url: address.trim(),
        username: username.trim(),
        password,
        terminalId,
      });
      update(() => status);
    });
  }

  function submitCode(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!checkAddress(false)) return;
    const normalised = normalisePairingCode(code);
    if (normalised === null) {
      setProblem({ kind: 'local', key: 'setup.codeIncomplete' });
      return;
    }
    setCode(normalised);
    const url = address.trim();
    void attempt(async () => {
      const status = await api.connect(
        url === '' ? { code: normalised } : { url, code: normalised },
      );
      update(() => status);
    });
  }

  const problemPanel = problem && <ProblemPanel problem={problem} />;
  const addressInvalid = problem?.kind === 'local' && problem.key === 'setup.addressWithoutScheme';

  return (
    <Stack align="center" p="md" pb="xl">
      <Paper withBorder shadow="sm" radius="md" p="lg" w="100%" maw={720}>
        {terminals === null ? (
          <Stack gap="lg">
            <div>
              <Title order={1} size="h2">
                {t('setup.title')}
              </Title>
              <Text size="md" mt={4}>
                {t('setup.intro')}
              </Text>
            </div>
            {registerProblem && (
              <ErrorPanel title={t('setup.registerProblemTitle')}>
                {registerProblem[language]}
              </ErrorPanel>
            )}
            <Tabs
              value={method}
              onChange={(value) => {
                if (value === 'password' || value === 'code') {
                  setMethod(value);
                  setProblem(null);
                }
              }}
            >
              <Tabs.List aria-label={t('setup.methodLabel')} grow>
                <Tabs.Tab value="password" className="pos-tab">
                  {t('setup.methodPassword')}
                </Tabs.Tab>
                <Tabs.Tab value="code" className="pos-tab">
                  {t('setup.methodCode')}
                </Tabs.Tab>
              </Tabs.List>

              <Tabs.Panel value="password" pt="lg">
                <form onSubmit={submitCredentials} noValidate>
                  <Stack gap="md">
                    {method === 'password' && problemPanel}
                    <AddressField
                      value={address}
                      onChange={setAddress}
                      required
                      invalid={addressInvalid}
                    />
                    <UsernameField
                      label={t('setup.username')}
                      description={t('setup.credentialsHelp')}
                      value={username}
                      onChange={(event) => setUsername(event.currentTarget.value)}
                    />
                    <PasswordField
                      touch
                      label={t('setup.password')}
                      name="password"
                      autoComplete="current-password"
                      value={password}
                      onChange={(event) => setPassword(event.currentTarget.value)}
                    />
                    <Button type="submit" size="xl" loading={submitting} fullWidth>
                      {t('setup.submit')}
                    </Button>
                  </Stack>
                </form>
              </Tabs.Panel>

              <Tabs.Panel value="code" pt="lg">
                <form onSubmit={submitCode} noValidate>
                  <Stack gap="md">
                    {method === 'code' && problemPanel}
                    <Text size="md">{t('setup.codeNoPassword')}</Text>
                    <TextInput
                      label={t('setup.code')}
                      description={t('setup.codeHelp')}
                      placeholder={t('setup.codePlaceholder')}
                      name="pairing-code"
                      autoComplete="off"
                      autoCapitalize="characters"
                      spellCheck={false}
                      value={code}
                      onChange={(event) => setCode(event.currentTarget.value.toUpperCase())}
                      onBlur={() => setCode((current) => tidyPairingCodeInput(current))}
                      styles={{
                        input: {
                          fontFamily: 'var(--mantine-font-family-monospace)',
                          fontSize: '1.5rem',
                          letterSpacing: '0.1em',
                        },
                      }}
                    />
                    <AddressField
                      value={address}
                      onChange={setAddress}
                      required={false}
                      invalid={addressInvalid}
                    />
                    <Button type="submit" size="xl" loading={submitting} fullWidth>
                      {t('setup.submit')}
                    </Button>
                  </Stack>
                </form>
              </Tabs.Panel>
            </Tabs>
          </Stack>
        ) : (
          <TerminalChoice
            list={terminals}
            selected={terminalId}
            onSelect={(id) => {
              setTerminalId(id);
              setProblem(null);
            }}
            onSubmit={connectToTerminal}
            onBack={() => {
              setTerminals(null);
              setProblem(null);
            }}
            onReload={reloadTerminals}
            submitting={submitting}
            problem={problemPanel}
          />
        )}
      </Paper>
    </Stack>
  );
}

function AddressField({
  value,
  onChange,
  required,
  invalid,
}: {
  value: string;
  onChange: (value: string) => void;
  required: boolean;
  invalid: boolean;
}) {
  const t = useT();
  return (
    <TextInput
      label={t('setup.address')}
      description={required ? t('setup.addressHelp') : t('setup.addressOptionalHelp')}
      placeholder={t('setup.addressPlaceholder')}
      name="address"
      type="url"
      inputMode="url"
      autoComplete="url"
      autoCapitalize="none"
      spellCheck={false}
      value={value}
      onChange={(event) => onChange(event.currentTarget.value)}
      error={invalid}
    />
  );
}

function ProblemPanel({ problem }: { problem: NonNullable<Problem> }) {
  const t = useT();
  const errorText = useErrorText();
  const ref = useRef<HTMLDivElement>(null);
  // Bring the panel into view: on a small screen it may sit above the fold after a long form.
  useEffect(() => {
    ref.current?.scrollIntoView({ block: 'nearest' });
  }, [problem]);
  return (
    <div ref={ref}>
      <ErrorPanel title={t('setup.errorTitle')}>
        {problem.kind === 'local' ? t(problem.key) : errorText(problem.error)}
      </ErrorPanel>
    </div>
  );
}
