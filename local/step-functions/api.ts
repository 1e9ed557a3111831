import { type AwsEndpoint, AwsServiceError } from '../aws-endpoint';
import { defined } from './defined';
import type { Executions } from './executions';
import { wireEvent } from './history';
import { roleArn, type StateMachines } from './machines';
import { type ExecutionStatus, STATUSES } from './types';

type Input = Record<string, unknown>;

/**
 * Serves the Step Functions operations handlers use through `@aws-sdk/client-sfn` on the
 * local AWS endpoint: the JSON protocol's validation, shapes (dates as epoch seconds) and paging.
 */
export function serveStepFunctionsApi(
  endpoint: AwsEndpoint,
  machines: StateMachines,
  executions: Executions,
): void {
  const operations: Record<string, (input: Input) => unknown> = {
    StartExecution: (input) => {
      const record = executions.start(
        requiredString(input, 'stateMachineArn'),
        input.input as string | undefined,
        input.name as string | undefined,
      );
      return { executionArn: record.executionArn, startDate: epochSeconds(record.startDate) };
    },
    DescribeExecution: (input) => describeExecution(executions, input),
    StopExecution: (input) => stopExecution(executions, input),
    ListExecutions: (input) => listExecutions(machines, executions, input),
    GetExecutionHistory: (input) => getExecutionHistory(executions, input),
    DescribeStateMachine: (input) => describeStateMachine(machines, input),
    ListStateMachines: (input) => listStateMachines(machines, input),
  };
  for (const [name, operation] of Object.entries(operations)) {
    endpoint.register(`AWSStepFunctions.${name}`, async (input) => operation(input));
  }
}

function describeExecution(executions: Executions, input: Input): unknown {
  const record = executions.get(requiredString(input, 'executionArn'));
  return defined({
    executionArn: record.executionArn,
    stateMachineArn: record.machine.arn,
    name: record.name,
    status: record.status,
    startDate: epochSeconds(record.startDate),
    stopDate: record.stopDate && epochSeconds(record.stopDate),
    input: record.inputText,
    inputDetails: { included: true },
    output: record.status === 'SUCCEEDED' ? record.output : undefined,
    outputDetails: record.status === 'SUCCEEDED' ? { included: true } : undefined,
    error: record.error,
    cause: record.cause,
  });
}

function stopExecution(executions: Executions, input: Input): unknown {
  const error = input.error as string | undefined;
  const cause = input.cause as string | undefined;
  if ((error?.length ?? 0) > 256 || (cause?.length ?? 0) > 32_768) {
    throw new AwsServiceError('ValidationException', 'error is at most 256 and cause 32768 characters');
  }
  const { stopDate } = executions.stop(requiredString(input, 'executionArn'), error, cause);
  return { stopDate: epochSeconds(stopDate) };
}

function listExecutions(machines: StateMachines, executions: Executions, input: Input): unknown {
  const machine = machines.get(requiredString(input, 'stateMachineArn'));
  const statusFilter = input.statusFilter as ExecutionStatus | undefined;
  if (statusFilter !== undefined && !STATUSES.includes(statusFilter)) {
    throw new AwsServiceError('ValidationException', `Invalid statusFilter: '${statusFilter}'`);
  }
  const matching = executions
    .list()
    .filter((record) => record.machine === machine && (!statusFilter || record.status === statusFilter))
    .reverse(); // newest first, as Step Functions lists them
  const { page, nextToken } = paginate(matching, input);
  return defined({
    executions: page.map((record) =>
      defined({
        executionArn: record.executionArn,
        stateMachineArn: machine.arn,
        name: record.name,
        status: record.status,
        startDate: epochSeconds(record.startDate),
        stopDate: record.stopDate && epochSeconds(record.stopDate),
      }),
    ),
    nextToken,
  });
}

function getExecutionHistory(executions: Executions, input: Input): unknown {
  const record = executions.get(requiredString(input, 'executionArn'));
  const events = [...record.history.events];
  if (input.reverseOrder === true) events.reverse();
  const { page, nextToken } = paginate(events, input);
  const includeData = input.includeExecutionData !== false;
  return defined({ events: page.map((event) => wireEvent(event, includeData)), nextToken });
}

function describeStateMachine(machines: StateMachines, input: Input): unknown {
  const machine = machines.get(requiredString(input, 'stateMachineArn'));
  return {
    stateMachineArn: machine.arn,
    name: machine.id,
    status: 'ACTIVE',
    definition: machine.text,
    roleArn: roleArn(machine.id),
    type: 'STANDARD',
    creationDate: epochSeconds(machine.createdAt),
  };
}

function listStateMachines(machines: StateMachines, input: Input): unknown {
  const { page, nextToken } = paginate(machines.list(), input);
  return defined({
    stateMachines: page.map((machine) => ({
      stateMachineArn: machine.arn,
      name: machine.id,
      type: 'STANDARD',
      creationDate: epochSeconds(machine.createdAt),
    })),
    nextToken,
  });
}

function epochSeconds(date: Date): number {
  return date.getTime() / 1000;
}

function requiredString(input: Input, field: string): string {
  const value = input[field];
  if (typeof value !== 'string' || !value) {
    throw new AwsServiceError('ValidationException', `1 validation error detected: '${field}' is required`);
  }
  return value;
}

/** `maxResults` (1–1000, 0 or absent = 100) and an opaque `nextToken`, as Step Functions pages. */
function paginate<T>(items: T[], input: Input): { page: T[]; nextToken?: string } {
  const maxResults = (input.maxResults as number | undefined) || 100;
  if (!Number.isInteger(maxResults) || maxResults < 0 || maxResults > 1000) {
    throw new AwsServiceError('ValidationException', 'maxResults must be between 0 and 1000');
  }
  let offset = 0;
  if (typeof input.nextToken === 'string') {
    try {
      offset = (JSON.parse(Buffer.from(input.nextToken, 'base64url').toString('utf8')) as { offset: number })
        .offset;
    } catch {
      offset = Number.NaN;
    }
    if (!Number.isInteger(offset) || offset < 0) throw new AwsServiceError('InvalidToken', 'Invalid Token');
  }
  const page = items.slice(offset, offset + maxResults);
  const next = offset + maxResults;
  return {
    page,
    nextToken:
      next < items.length ? Buffer.from(JSON.stringify({ offset: next })).toString('base64url') : undefined,
  };
}
