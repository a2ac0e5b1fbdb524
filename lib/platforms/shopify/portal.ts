import { definePortal } from '../capture';
import type { CaptureRule } from '../types';
import { graphql } from './graphql';
import { shopifyLinks } from './identity';
import { ROUTES, shopifyRoutes } from './routes';

/** Shopify's capture rules: one GraphQL parser (graphql.ts) behind every admin transport (routes.ts). */
export const shopifyRules: CaptureRule[] = Object.values(ROUTES).map((route) => ({ ...route, parse: graphql }));

/** What Shopify's content script runs (entrypoints/portal-shopify.content.ts): these routes and rules only. */
export const shopifyPortal = /* @__PURE__ */ definePortal(shopifyRoutes, shopifyRules, shopifyLinks);
