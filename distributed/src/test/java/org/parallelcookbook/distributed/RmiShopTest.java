package org.parallelcookbook.distributed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class RmiShopTest {

    @Test
    void bookScriptGivesTheBooksBalancesAndUnknownAccountsAreRefused() throws Exception {
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        try (var rmi = LoopbackRmi.start()) {
            rmi.bind(RmiShop.NAME, new RmiShop.ShopServer(log));
            RmiShop.Shop shop = rmi.lookup(RmiShop.NAME);
            var balances = RmiShop.clientScript(shop);
            assertEquals("100.00", RmiShop.money(balances.get("Meeta")));
            assertEquals("63.00", RmiShop.money(balances.get("Rashmi")));
            assertEquals(List.of("Rashmi logged on", "Rashmi bought a book for 37.00", "Rashmi logged out", "Meeta logged on",
                    "Meeta logged out"), log, "the server's log, which the recipe prints");
            var e = assertThrows(RmiShop.ShopException.class, () -> shop.deposit("Nobody", 1));
            assertEquals("unknown account Nobody", e.getMessage());
            assertThrows(RmiShop.ShopException.class, () -> shop.logOn("Mallory"));
        }
    }

    /** A balance below zero (buying without funds, as in the book) keeps its sign, also under one unit. */
    @Test
    void moneyShowsCentsAndKeepsTheSignOfADebt() {
        assertEquals("63.00", RmiShop.money(63_00));
        assertEquals("0.05", RmiShop.money(5));
        assertEquals("0.00", RmiShop.money(0));
        assertEquals("-1.50", RmiShop.money(-150));
        assertEquals("-0.50", RmiShop.money(-50));
    }

    @Test
    void concurrentDepositsLoseNothing() throws Exception {
        try (var rmi = LoopbackRmi.start(); var pool = Executors.newFixedThreadPool(8)) {
            rmi.bind(RmiShop.NAME, new RmiShop.ShopServer(new ArrayList<>()));
            RmiShop.Shop shop = rmi.lookup(RmiShop.NAME);
            shop.logOn("Ken");
            var start = new CyclicBarrier(8);
            List<Future<?>> clients = new ArrayList<>();
            for (int c = 0; c < 8; c++) {
                clients.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < 100; i++) {
                        shop.deposit("Ken", 1);
                    }
                    return null;
                }));
            }
            for (var f : clients) {
                f.get(30, TimeUnit.SECONDS);
            }
            assertEquals(800, shop.balance("Ken"));
        }
    }
}
