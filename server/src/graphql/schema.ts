import { readFileSync } from 'node:fs';
import path from 'node:path';
import { makeExecutableSchema } from '@graphql-tools/schema';
import type { GraphQLSchema } from 'graphql';
import { repoRoot } from '../config';
import type { Resolvers } from '../generated/resolvers';
import { auditQueries, auditTypes } from './audit.resolvers';
import type { RequestContext } from './context';
import { identityMutations, identityQueries } from './identity.resolvers';
import { operatorMutations, operatorQueries } from './operator.resolvers';
import { libraryMutations, libraryQueries, librarySubscriptions } from './library.resolvers';
import { scrubMutations, scrubQueries } from './scrub.resolvers';
import { settingsMutations, settingsQueries } from './settings.resolvers';
import { trashMutations, trashQueries } from './trash.resolvers';
import { typeResolvers } from './type.resolvers';

export function buildSchema(): GraphQLSchema {
  const typeDefs = readFileSync(path.join(repoRoot, 'schema', 'schema.graphql'), 'utf8');
  const resolvers: Resolvers<RequestContext> = {
    ...typeResolvers,
    ...auditTypes,
    Query: {
      ...identityQueries,
      ...operatorQueries,
      ...libraryQueries,
      ...scrubQueries,
      ...trashQueries,
      ...settingsQueries,
      ...auditQueries,
    },
    Mutation: {
      ...identityMutations,
      ...operatorMutations,
      ...libraryMutations,
      ...scrubMutations,
      ...trashMutations,
      ...settingsMutations,
    },
    Subscription: librarySubscriptions,
  };
  return makeExecutableSchema({ typeDefs, resolvers });
}
