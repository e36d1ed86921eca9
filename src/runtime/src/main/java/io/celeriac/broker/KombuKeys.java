package io.celeriac.broker;

import java.util.List;

/**
 * kombu's Redis names for one queue: the list named as the queue, its priority lists ({@code queue\x06\x163},
 * {@code 6}, {@code 9}, consumed in that order after the plain list) and the {@code unacked} bookkeeping shared by
 * all queues of a Redis database. These keys carry no hash tag: kombu's layout does not fit Redis Cluster.
 */
record KombuKeys(String queue) {

    /** kombu's separator between a queue name and its priority step. */
    static final String SEPARATOR = "\u0006\u0016";
    static final int[] PRIORITY_STEPS = { 0, 3, 6, 9 };
    static final String UNACKED = "unacked";
    static final String UNACKED_INDEX = "unacked_index";

    /** The list a message of {@code priority} goes to: kombu rounds down to a step (0-2, 3-5, 6-8, 9). */
    String list(int priority) {
        int step = 0;
        for (int candidate : PRIORITY_STEPS) {
            if (priority >= candidate) {
                step = candidate;
            }
        }
        return step == 0 ? queue : queue + SEPARATOR + step;
    }

    /** The lists in the order consumers read them. */
    List<String> lists() {
        return List.of(list(0), list(3), list(6), list(9));
    }
}
