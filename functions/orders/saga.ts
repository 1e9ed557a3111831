import { DescribeExecutionCommand, StopExecutionCommand } from '@aws-sdk/client-sfn';
import { stepFunctions } from '../../shared/clients';
import { requireEnv } from '../../shared/config';

/** The order's checkout execution: it is named after the order. */
function checkoutExecutionArn(orderId: string): string {
  const machineArn = requireEnv('CHECKOUT_STATE_MACHINE_ARN');
  return `${machineArn.replace(':stateMachine:', ':execution:')}:${orderId}`;
}

/** Whether the order's checkout execution is still running (one that never started is not). */
export async function checkoutSagaRunning(orderId: string): Promise<boolean> {
  try {
    const execution = await stepFunctions().send(
      new DescribeExecutionCommand({ executionArn: checkoutExecutionArn(orderId) }),
    );
    return execution.status === 'RUNNING';
  } catch (error) {
    if ((error as Error).name === 'ExecutionDoesNotExist') return false;
    throw error;
  }
}

/** Stops an order's checkout execution (named after the order); one that never ran or already ended is fine. */
export async function stopCheckoutSaga(orderId: string, cause: string): Promise<void> {
  await stepFunctions()
    .send(new StopExecutionCommand({ executionArn: checkoutExecutionArn(orderId), cause }))
    .catch((error) => {
      if ((error as Error).name !== 'ExecutionDoesNotExist') throw error;
    });
}
