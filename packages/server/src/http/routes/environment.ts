import { asc, eq } from 'drizzle-orm';
import { environmentSchema, updateEnvironmentBodySchema } from '@kassa/contracts';
import { parseOrganisationNumber } from '@kassa/core';
import { audit } from '../../commands/audit.js';
import { bumpConfigVersion } from '../../commands/config-version.js';
import { ApiError } from '../api-error.js';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { placesOfBusiness, tenants } from '../../db/schema.js';
import { commandContext } from '../context.js';

/** The environment's company details and places of business. */
export const environmentRoutes: FastifyPluginAsyncZod = (app) => {
  const { database, clock } = app.deps;
  async function present(tenantId: string) {
    const [env] = await database.db.select().from(tenants).where(eq(tenants.id, tenantId));
    if (!env) throw new Error('environment vanished');
    const places = await database.db
      .select()
      .from(placesOfBusiness)
      .where(eq(placesOfBusiness.tenantId, tenantId))
      .orderBy(asc(placesOfBusiness.name));
    return {
      slug: env.slug,
      companyName: env.companyName,
      organisationNumber: env.organisationNumber,
      placesOfBusiness: places.map((p) => ({
        id: p.id,
        name: p.name,
        streetAddress: p.streetAddress,
        postalCode: p.postalCode,
        city: p.city,
      })),
    };
  }

  app.patch(
    '/api/environment',
    {
      config: { kassa: { access: ['admin'] } },
      schema: {
        tags: ['environment'],
        summary: 'Change company name or organisation number',
        body: updateEnvironmentBodySchema,
        response: { 200: environmentSchema },
      },
    },
    async (request) => {
      const { companyName, organisationNumber } = request.body;
      let normalised: string | undefined;
      if (organisationNumber !== undefined) {
        const parsed = parseOrganisationNumber(organisationNumber);
        if (!parsed.ok) {
          throw new ApiError('invalid-organisation-number', { reason: parsed.code });
        }
        normalised = parsed.value;
      }
      const tenantId = await database.db.transaction(async (tx) => {
        const ctx = commandContext(request, tx, clock.now());
        const [before] = await tx.select().from(tenants).where(eq(tenants.id, ctx.tenantId));
        if (!before) throw new Error('environment vanished');
        const set: { companyName?: string; organisationNumber?: string } = {};
        if (companyName !== undefined) set.companyName = companyName;
        if (normalised !== undefined) set.organisationNumber = normalised;
        if (Object.keys(set).length > 0) {
          await tx.update(tenants).set(set).where(eq(tenants.id, ctx.tenantId));
          await bumpConfigVersion(ctx); // registers print these on receipts
          await audit(ctx, {
            action: 'environment.updated',
            targetType: 'environment',
            targetId: ctx.tenantId,
            details: {
              from: {
                companyName: before.companyName,
                organisationNumber: before.organisationNumber,
              },
              to: set,
            },
          });
        }
        return ctx.tenantId;
      });
      return present(tenantId);
    },
  );

  app.get(
    '/api/environment',
    {
      config: { kassa: { access: ['admin', 'manager'] } },
      schema: {
        tags: ['environment'],
        summary: 'Company and places of business',
        response: { 200: environmentSchema },
      },
    },
    async (request) => present(commandContext(request, database.db, clock.now()).tenantId),
  );
  return Promise.resolve();
};
