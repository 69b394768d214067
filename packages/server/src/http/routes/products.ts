import {
  createProductBodySchema,
  importProductsBodySchema,
  importSummarySchema,
  importRowErrorSchema,
  priceChangeBodySchema,
  productListQuerySchema,
  productListSchema,
  productSchema,
  updateProductBodySchema,
} from '@kassa/contracts';
import { SHOP_TIME_ZONE, businessDayOf } from '@kassa/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { importProducts } from '../../commands/product-import.js';
import {
  changePrice,
  createProduct,
  listProducts,
  pageProducts,
  updateProduct,
  type ProductRefusal,
} from '../../commands/products.js';
import { ApiError } from '../api-error.js';
import { commandContext } from '../context.js';

const EDITORS = { kassa: { access: ['admin', 'manager'] as const, module: 'products' as const } };
const idParams = z.object({ id: z.string().max(64) });
const productAnswer = z.object({ product: productSchema });

function refuse(refusal: ProductRefusal): never {
  switch (refusal.code) {
    case 'barcode-taken':
    case 'barcode-invalid':
      throw new ApiError(refusal.code, { barcode: refusal.barcode });
    default:
      throw new ApiError(refusal.code);
  }
}

/** Produkter: the catalogue (module `products`). */
export const productRoutes: FastifyPluginAsyncZod = (app) => {
  const { database, clock } = app.deps;
  const today = () => businessDayOf(clock.now().getTime(), SHOP_TIME_ZONE);

  async function one(tenantId: string, id: string) {
    const [product] = await listProducts(database.db, tenantId, today(), id);
    if (!product) throw new ApiError('product-not-found');
    return { product };
  }

  app.get(
    '/api/products',
    {
      config: EDITORS,
      schema: {
        tags: ['products'],
        summary:
          'The catalogue with the prices in force today: all by name, or (with `limit`) one page by article number, searched by `q`',
        querystring: productListQuerySchema,
        response: { 200: productListSchema },
      },
    },
    async (request) => {
      const tenantId = commandContext(request, database.db, clock.now()).tenantId;
      const { q, offset, limit } = request.query;
      if (limit === undefined) {
        const all = await listProducts(database.db, tenantId, today(), { search: q });
        return { businessDay: today(), products: all, total: all.length };
      }
      const page = await pageProducts(database.db, tenantId, today(), { search: q, offset, limit });
      return { businessDay: today(), ...page, offset, limit };
    },
  );

  app.get(
    '/api/products/:id',
    {
      config: EDITORS,
      schema: {
        tags: ['products'],
        summary: 'One product with its price history',
        params: idParams,
        response: { 200: productAnswer },
      },
    },
    (request) => one(request.tenant?.id ?? '', request.params.id),
  );

  app.post(
    '/api/products',
    {
      config: EDITORS,
      schema: {
        tags: ['products'],
        summary: 'Create a product',
        body: createProductBodySchema,
        response: { 201: productAnswer },
      },
    },
    async (request, reply) => {
      const result = await database.db.transaction((tx) =>
        createProduct(commandContext(request, tx, clock.now()), request.body, today()),
      );
      if (!result.ok) refuse(result);
      return reply.status(201).send(await one(request.tenant?.id ?? '', result.productId));
    },
  );

  app.patch(
    '/api/products/:id',
    {
      config: EDITORS,
      schema: {
        tags: ['products'],
        summary: 'Change a product (not its price)',
        params: idParams,
        body: updateProductBodySchema,
        response: { 200: productAnswer },
      },
    },
    async (request) => {
      const result = await database.db.transaction((tx) =>
        updateProduct(commandContext(request, tx, clock.now()), request.params.id, request.body),
      );
      if (!result.ok) refuse(result);
      return one(request.tenant?.id ?? '', request.params.id);
    },
  );

  app.post(
    '/api/products/:id/prices',
    {
      config: EDITORS,
      schema: {
        tags: ['products'],
        summary: 'Change the price from a business day on (today or later)',
        params: idParams,
        body: priceChangeBodySchema,
        response: { 200: productAnswer },
      },
    },
    async (request) => {
      const result = await database.db.transaction((tx) =>
        changePrice(
          commandContext(request, tx, clock.now()),
          request.params.id,
          request.body.priceOre,
          request.body.effectiveFrom,
          today(),
        ),
      );
      if (!result.ok) refuse(result);
      return one(request.tenant?.id ?? '', request.params.id);
    },
  );

  app.post(
    '/api/products/import',
    {
      config: EDITORS,
      bodyLimit: 24 * 1024 * 1024,
      schema: {
        tags: ['products'],
        summary: 'Import products from CSV (all or nothing, with a per-row error report)',
        body: importProductsBodySchema,
        response: { 200: importSummarySchema },
      },
    },
    async (request) => {
      const result = await importProducts(
        database.db,
        (tx) => commandContext(request, tx, clock.now()),
        request.body.csv,
        today(),
        request.body.dryRun,
      );
      if (result.errors.length > 0) {
        throw new ApiError('import-has-errors', {
          errors: z.array(importRowErrorSchema).parse(result.errors),
        });
      }
      return {
        created: result.created,
        updated: result.updated,
        unchanged: result.unchanged,
        dryRun: request.body.dryRun,
      };
    },
  );
  return Promise.resolve();
};
