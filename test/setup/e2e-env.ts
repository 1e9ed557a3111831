if (!process.env.E2E_BASE_URL) throw new Error('E2E_BASE_URL is not set: the e2e global setup did not run');
