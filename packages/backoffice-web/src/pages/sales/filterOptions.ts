import type { PlaceOfBusiness, Terminal } from '@kassa/contracts';
import type { Translate } from '../../i18n/translate';

/** The choices of a place filter: every place ('') first, then each place by name. */
export function placeOptions(
  t: Translate,
  places: readonly Pick<PlaceOfBusiness, 'id' | 'name'>[],
) {
  return [
    { value: '', label: t('sales.filter.allPlaces') },
    ...places.map((place) => ({ value: place.id, label: place.name })),
  ];
}

/** The choices of a terminal filter: `first` (value ''), then each as `Kassa 1 (K1)`. */
export function terminalOptions(
  t: Translate,
  terminals: readonly Pick<Terminal, 'id' | 'name' | 'registerId'>[],
  first: string,
) {
  return [
    { value: '', label: first },
    ...terminals.map((terminal) => ({
      value: terminal.id,
      label: t('sales.filter.terminalOption', {
        name: terminal.name,
        registerId: terminal.registerId,
      }),
    })),
  ];
}
