import type { StateMachineDefinition } from './types';

/** Step Functions state machines, defined by their ASL files. */
export const stateMachines: StateMachineDefinition[] = [
  {
    id: 'Checkout',
    owner: 'orders',
    definitionFile: 'statemachines/checkout.asl.json',
    envVar: 'CHECKOUT_STATE_MACHINE_ARN',
    taskHandlers: {
      ReserveInventoryFunctionArn: 'functions/inventory/handlers/reserve-step.handler',
      MarkChargingFunctionArn: 'functions/inventory/handlers/mark-charging-step.handler',
      ChargePaymentFunctionArn: 'functions/payments/handlers/charge-step.handler',
      ConfirmInventoryFunctionArn: 'functions/inventory/handlers/confirm-step.handler',
      MarkPaidFunctionArn: 'functions/orders/handlers/mark-paid.handler',
      RefundPaymentFunctionArn: 'functions/payments/handlers/refund-step.handler',
      ReleaseInventoryFunctionArn: 'functions/inventory/handlers/release-step.handler',
      MarkFailedFunctionArn: 'functions/orders/handlers/mark-failed.handler',
    },
    taskUses: {
      ReserveInventoryFunctionArn: { tables: { inventory: 'readWrite' } },
      MarkChargingFunctionArn: { tables: { inventory: 'readWrite' } },
      ChargePaymentFunctionArn: { tables: { payments: 'readWrite', orders: 'read' }, secrets: ['stripe'] },
      ConfirmInventoryFunctionArn: { tables: { inventory: 'readWrite' } },
      MarkPaidFunctionArn: { tables: { orders: 'readWrite' } },
      RefundPaymentFunctionArn: { tables: { payments: 'readWrite' }, secrets: ['stripe'] },
      ReleaseInventoryFunctionArn: { tables: { inventory: 'readWrite' } },
      // A failed order releases its claim on the buyer's cart.
      MarkFailedFunctionArn: { tables: { orders: 'readWrite', carts: 'readWrite' } },
    },
  },
];
