package io.gamgee.it.quarkus;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The application's own entity, saved in the same transaction that submits its workflow. */
@Entity
@Table(name = "guest_order")
public class GuestOrder {

    @Id
    public String id;

    public String guest;

    protected GuestOrder() {
    }

    public GuestOrder(String id, String guest) {
        this.id = id;
        this.guest = guest;
    }
}
