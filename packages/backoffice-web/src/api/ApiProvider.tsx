import { createApiContext } from '@kassa/web-kit';
import { BackofficeApi } from './backoffice-api';

export const { ApiProvider, useApi } = createApiContext(() => new BackofficeApi());
