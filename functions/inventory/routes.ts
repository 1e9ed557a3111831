import { defineRoute } from '../../shared/http/route';
import type { ResourceUse } from '../../shared/manifests/types';
import { AdjustStockBody, InventoryParams, SellerStock, ShardingBody } from './schemas';

const tag = 'Inventory';
const stock: ResourceUse = { tables: { inventory: 'readWrite' } };

export const adjustStockRoute = defineRoute({
  id: 'AdjustStock',
  method: 'PUT',
  path: '/api/v1/seller/products/{product_id}/inventory',
  auth: 'seller',
  handler: 'functions/inventory/handlers/adjust-stock.handler',
  summary: 'Add (or with a negative delta, remove) units; optionally set the low-stock threshold',
  tag,
  params: InventoryParams,
  body: AdjustStockBody,
  response: SellerStock,
  successStatus: 200,
  uses: stock,
});

export const getStockRoute = defineRoute({
  id: 'GetStock',
  method: 'GET',
  path: '/api/v1/seller/products/{product_id}/inventory',
  auth: 'seller',
  handler: 'functions/inventory/handlers/get-stock.handler',
  summary: 'Your product’s stock: available, reserved, sold',
  tag,
  params: InventoryParams,
  response: SellerStock,
  successStatus: 200,
  uses: { tables: { inventory: 'read' } },
});

export const shardStockRoute = defineRoute({
  id: 'ShardStock',
  method: 'PUT',
  path: '/api/v1/seller/products/{product_id}/inventory/sharding',
  auth: 'seller',
  handler: 'functions/inventory/handlers/shard-stock.handler',
  summary: 'Split a hot product’s stock over several records so flash-sale buyers do not queue on one item',
  tag,
  params: InventoryParams,
  body: ShardingBody,
  response: SellerStock,
  successStatus: 200,
  uses: stock,
});

export const inventoryRoutes = [adjustStockRoute, getStockRoute, shardStockRoute];
