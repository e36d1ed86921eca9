package io.celeriac.message;

/** How the body {@code [args, kwargs, embed]} sits in the envelope. */
public enum BodyEncoding {
    /** As a JSON array inside the envelope: no second parse, no base64; Celeriac's own queues. */
    INLINE,
    /** As base64 of the JSON text, as kombu writes it; queues shared with Celery. */
    BASE64
}
