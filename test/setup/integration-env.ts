// Integration tests talk to DynamoDB Local only; nothing here may reach AWS.
process.env.AWS_REGION ??= 'us-east-1';
process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';
