import '../../local/polyfills';

// Tests assert on responses, not on log lines; errors that matter fail a test.
process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';
