package org.acme.interop;

import java.util.List;

import org.jboss.logging.Logger;

import io.celeriac.Task;

/** Java tasks that the Python side calls with Celery's send_task. */
public class InvoiceTasks {

    private static final Logger LOG = Logger.getLogger(InvoiceTasks.class);

    /** One invoice line, as Python sends it: {"item": ..., "quantity": ..., "price": ...}. */
    public record Line(String item, int quantity, double price) {
    }

    /** What Python gets back. */
    public record Total(int lines, double amount, String currency) {
    }

    @Task(name = "invoices.total")
    public Total total(List<Line> lines, String currency) {
        double amount = lines.stream().mapToDouble(l -> l.quantity() * l.price()).sum();
        LOG.infof("invoices.total: %d lines, %.2f %s", lines.size(), amount, currency);
        return new Total(lines.size(), Math.round(amount * 100) / 100.0, currency);
    }

    @Task(name = "invoices.validate", maxRetries = 0)
    public boolean validate(String number) {
        if (!number.matches("INV-\\d+")) {
            throw new IllegalArgumentException("not an invoice number: " + number);
        }
        return true;
    }
}
