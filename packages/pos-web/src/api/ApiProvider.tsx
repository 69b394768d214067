import { createApiContext } from '@kassa/web-kit';
import { LocalApi } from './local-api';

export const { ApiProvider, useApi } = createApiContext(() => new LocalApi());
