/**
 * Aggregations shaped for chart tools: activity over time, top users, top GPTs, tool use.
 * Findings by severity and type belong to the findings feature, which extends the same
 * Query type.
 */
package io.chatwarden.dashboard;
