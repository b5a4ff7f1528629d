package com.example;

/** The service README's CDI workflow bean injects. */
public interface PaymentGateway {

    void charge(String orderId, long amount) throws Exception;
}
