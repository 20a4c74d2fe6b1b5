/**
 * The built-in runbooks as text, so the browser and the CLI read the very same bytes as
 * `fixtures/connection-pool.yaml` and `fixtures/source-original.yaml` (a test keeps them equal).
 */
import { parseRunbookOrThrow } from './format';

/** The lesson's corrected database connection-pool recovery runbook, in the runbook format. */
export const CONNECTION_POOL_TEXT = `# Database connection-pool recovery: the classic runbook as the lesson corrects it
# (argument lists instead of shell strings, a check that can stop the runbook, an approval
# before terminating sessions, 'rollout status' after 'rollout restart', honest rollbacks).
# Chances and durations are the simulator's assumptions; change them and see what happens.
name: database_connection_recovery
description: Payment API database connections used up; terminate stuck sessions, restart the pool, verify.
jitter: false
steps:
  - id: check_connection_pool
    action: psql -At -c "SELECT count(*), current_setting('max_connections') FROM pg_stat_activity WHERE backend_type = 'client backend'"
    timeoutSeconds: 30
    retries: 3
    backoffSeconds: 1
    successChance: 0.95
    durationSeconds: 1-4
    rollback: none

  - id: identify_long_queries
    action: psql -At -c "SELECT count(*) FILTER (WHERE age > 10 min), count(*) FROM stuck payment-app sessions (age > 5 min)"
    timeoutSeconds: 30
    retries: 3
    backoffSeconds: 1
    successChance: 0.95
    durationSeconds: 1-6
    stopChance: 0.1
    stopReason: no session stuck over 10 minutes, so nothing to terminate; a restart would only hide the cause
    rollback: none

  - id: terminate_long_queries
    action: psql -At -c "SELECT count(pg_terminate_backend(pid)) FROM stuck payment-app sessions (age > 10 min)"
    prerequisites: [identify_long_queries]
    requiresApproval: true
    timeoutSeconds: 60
    retries: 1
    backoffSeconds: 1
    successChance: 0.9
    durationSeconds: 1-10
    rollback: "irreversible: terminated sessions and their rolled-back transactions cannot be restored"

  - id: restart_connection_pool
    action: kubectl rollout restart deployment/{app_name} -n {namespace}
    prerequisites: [terminate_long_queries]
    timeoutSeconds: 30
    retries: 0
    successChance: 0.95
    durationSeconds: 1-3
    rollback: none

  - id: wait_for_rollout
    action: kubectl rollout status deployment/{app_name} -n {namespace} --timeout=300s
    prerequisites: [restart_connection_pool]
    timeoutSeconds: 330
    retries: 0
    successChance: 0.9
    durationSeconds: 60-240
    rollback: none

  - id: verify_recovery
    action: curl -fsS --max-time 10 http://{app_url}/health
    timeoutSeconds: 10 # curl's --max-time ends each attempt by 10 s: 6 x 10 + 31 = 91 s at worst
    retries: 5
    backoffSeconds: 1
    successChance: 0.7
    durationSeconds: 0.2-9.5
    rollback: none
`;

/** The classic runbook as usually written (its timeouts, default retries and rollback commands). */
export const SOURCE_ORIGINAL_TEXT = `# The classic runbook as it is usually written (in Python, lesson 2): its timeouts, the default of
# 3 retries, 2^attempt backoff, and its rollback commands. Worst case about 35 minutes.
name: database_connection_recovery_original
description: The classic version, before the lesson's corrections.
steps:
  - id: check_connection_pool
    action: psql -h {db_host} -c "SELECT count(*) as active_connections FROM pg_stat_activity;"
    timeoutSeconds: 30
    successChance: 0.95
    durationSeconds: 1-4
  - id: identify_long_queries
    action: psql -h {db_host} -c "SELECT pid, ... WHERE (now() - query_start) > interval '5 minutes';"
    timeoutSeconds: 30
    successChance: 0.95
    durationSeconds: 1-6
  - id: terminate_long_queries
    action: psql -h {db_host} -c "SELECT pg_terminate_backend(pid) ... > interval '10 minutes';"
    timeoutSeconds: 60
    successChance: 0.9
    durationSeconds: 1-10
    rollback: echo 'Cannot rollback terminated queries'
  - id: restart_connection_pool
    action: kubectl rollout restart deployment/{app_name} -n {namespace}
    timeoutSeconds: 300
    prerequisites: [terminate_long_queries]
    successChance: 0.95
    durationSeconds: 1-3
    rollback: kubectl rollout undo deployment/{app_name} -n {namespace}
  - id: verify_recovery
    action: curl -f http://{app_url}/health
    timeoutSeconds: 60
    retries: 5
    successChance: 0.7
    durationSeconds: 0.2-12
`;

/** The connection-pool runbook, parsed: the one the simulator runs unless the learner writes their own. */
export const CONNECTION_POOL_RUNBOOK = parseRunbookOrThrow(CONNECTION_POOL_TEXT);

/** The classic runbook, parsed (for comparing worst cases). */
export const SOURCE_ORIGINAL_RUNBOOK = parseRunbookOrThrow(SOURCE_ORIGINAL_TEXT);
