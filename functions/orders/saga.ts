import { StopExecutionCommand } from '@aws-sdk/client-sfn';
import { stepFunctions } from '../../shared/clients';
import { requireEnv } from '../../shared/config';

/** Stops an order's checkout execution (named after the order); one that never ran or already ended is fine. */
export async function stopCheckoutSaga(orderId: string, cause: string): Promise<void> {
  const machineArn = requireEnv('CHECKOUT_STATE_MACHINE_ARN');
  await stepFunctions()
    .send(
      new StopExecutionCommand({
        executionArn: `${machineArn.replace(':stateMachine:', ':execution:')}:${orderId}`,
        cause,
      }),
    )
    .catch((error) => {
      if ((error as Error).name !== 'ExecutionDoesNotExist') throw error;
    });
}
