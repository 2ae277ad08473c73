package io.tidemark.http.wire;

/**
 * A parsed request on its way to an {@link Operation}.
 *
 * @param members the JSON body
 * @param authority the {@code Host} the client addressed ({@code host[:port]}), for answers that
 *     must lead back to this server
 */
public record WireRequest(Members members, String authority) {
}
