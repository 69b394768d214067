import { Alert, FileInput, Table, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useApi } from '../../api/ApiProvider';
import type { ImportRowError } from '@kassa/contracts';
import type { ImportSummary } from '@kassa/contracts';
import { ColumnHeaders } from '../../components/DataTable';
import { FormModal } from '../../components/FormModal';
import { useSubmit } from '../../hooks/useSubmit';
import { useLanguage, useT } from '../../i18n/I18nProvider';
import { importRowErrors } from './productRules';

/**
 * "Importera CSV": a dry run first ("X nya, Y ändrade, Z oförändrade"), then the import. A refused
 * file is reported row by row and nothing is saved.
 */
export function ImportModal({
  onClose,
  onImported,
}: {
  onClose: () => void;
  onImported: (summary: ImportSummary) => void;
}) {
  const t = useT();
  const api = useApi();
  const { submitting, error, run } = useSubmit();
  const [file, setFile] = useState<File | null>(null);
  const [csv, setCsv] = useState('');
  const [preview, setPreview] = useState<ImportSummary | null>(null);
  const [rowErrors, setRowErrors] = useState<ImportRowError[] | null>(null);

  const edited = (text: string) => {
    setCsv(text);
    setPreview(null);
    setRowErrors(null);
  };

  const send = (dryRun: boolean) =>
    run(async () => {
      setRowErrors(null);
      try {
        const summary = await api.importProducts(csv, dryRun);
        if (dryRun) setPreview(summary);
        else onImported(summary);
      } catch (caught) {
        setPreview(null);
        const rows = importRowErrors(caught);
        if (rows === null) throw caught;
        setRowErrors(rows);
      }
    });

  return (
    <FormModal
      title={t('products.importModal.title')}
      size="xl"
      description={t('products.importModal.intro')}
      error={error}
      submitting={submitting}
      submitLabel={
        preview === null ? t('products.importModal.check') : t('products.importModal.submit')
      }
      submitDisabled={preview === null && csv.trim() === ''}
      onSubmit={() => send(preview === null)}
      onClose={onClose}
    >
      <FileInput
        label={t('products.importModal.file')}
        placeholder={t('products.importModal.filePlaceholder')}
        accept=".csv,text/csv,text/plain"
        clearable
        value={file}
        onChange={(chosen) => {
          setFile(chosen);
          if (chosen !== null) void chosen.text().then(edited);
        }}
      />
      <Textarea
        label={t('products.importModal.text')}
        autosize
        minRows={4}
        maxRows={12}
        spellCheck={false}
        styles={{ input: { fontFamily: 'monospace' } }}
        value={csv}
        onChange={(event) => edited(event.currentTarget.value)}
      />
      {preview !== null && (
        <Alert
          color="teal"
          variant="light"
          role="status"
          title={t('products.importModal.previewTitle')}
        >
          {t('products.importModal.preview', {
            created: preview.created,
            updated: preview.updated,
            unchanged: preview.unchanged,
          })}
        </Alert>
      )}
      {rowErrors !== null && <ImportErrors errors={rowErrors} />}
    </FormModal>
  );
}

function ImportErrors({ errors }: { errors: ImportRowError[] }) {
  const t = useT();
  const [language] = useLanguage();
  return (
    <Alert color="red" variant="light" title={t('products.importModal.errorsTitle')}>
      <Table aria-label={t('products.importModal.errorsLabel')} verticalSpacing={4}>
        <ColumnHeaders
          columns={[
            { label: t('products.importModal.column.row') },
            { label: t('products.importModal.column.column') },
            { label: t('products.importModal.column.message') },
          ]}
        />
        <Table.Tbody>
          {errors.map((error, index) => (
            <Table.Tr key={`${error.row}-${error.column ?? ''}-${index}`}>
              <Table.Td>{error.row}</Table.Td>
              <Table.Td>{error.column ?? t('common.dash')}</Table.Td>
              <Table.Td>{error[language]}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Alert>
  );
}
