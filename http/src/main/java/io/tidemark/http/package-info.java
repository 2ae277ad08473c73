/**
 * The thin HTTP adapter: Timestream wire API, SQL endpoint, WebSocket subscriptions, launcher main class. Parses, authorizes and asks the engine's services.
 */
package io.tidemark.http;
