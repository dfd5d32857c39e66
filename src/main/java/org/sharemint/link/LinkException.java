package org.sharemint.link;

import java.io.IOException;

/** The peer on a mint link broke the link's protocol (wrong message, unknown request id): that link closes. */
final class LinkException extends IOException {
    LinkException(String message) {
        super(message);
    }
}
