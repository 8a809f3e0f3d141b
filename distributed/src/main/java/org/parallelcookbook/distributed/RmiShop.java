package org.parallelcookbook.distributed;

import java.rmi.Remote;
import java.rmi.RemoteException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.parallelcookbook.core.Recipe;
import org.parallelcookbook.core.RecipeMain;
import org.parallelcookbook.core.RecipeOptions;

/**
 * <b>Developing a client-server application with Pyro4</b> (book chapter 5).
 *
 * <p>The book's shop server "BuyAnythingOnline" knows four clients (Meeta, Rashmi, John, Ken). A
 * client logs on (which opens an account with zero balance), deposits, asks the balance, buys (the
 * book checks no funds) and logs out; {@code allAccounts} lists every balance, and an operation on
 * an account that does not exist fails with "unknown account". The client script has Rashmi deposit
 * 100 and buy a book for 37, and Meeta deposit 50 twice: Meeta 100.00, Rashmi 63.00.
 *
 * <p><b>Java:</b> {@code Shop extends Remote}. RMI runs calls from different clients at the same
 * time on different threads, so the accounts live in a {@code ConcurrentHashMap} of
 * {@code AtomicLong}s: eight clients depositing at once lose nothing. Money is a {@code long} of
 * cents, never a floating-point number. The error is a checked {@link ShopException} that travels to
 * the client like any return value.
 *
 * <p>Run: {@code ./cookbook run ch5.pyro-shop}.
 */
@Recipe(id = "ch5.pyro-shop", chapter = 5, title = "Developing a client-server application with Pyro4")
public final class RmiShop {

    /** The name the shop is registered under. */
    public static final String NAME = "BuyAnythingOnline";

    private RmiShop() {
    }

    /** A refused operation (unknown client or account). */
    public static final class ShopException extends Exception {
        private static final long serialVersionUID = 1L;

        public ShopException(String message) {
            super(message);
        }
    }

    /** The shop, as its clients see it. Amounts are in cents. */
    public interface Shop extends Remote {
        void logOn(String client) throws RemoteException, ShopException;

        void deposit(String client, long cents) throws RemoteException, ShopException;

        long balance(String client) throws RemoteException, ShopException;

        void buy(String client, String product, long cents) throws RemoteException, ShopException;

        void logOut(String client) throws RemoteException;

        Map<String, Long> allAccounts() throws RemoteException;
    }

    /** The server object. */
    static final class ShopServer implements Shop {
        private final Set<String> clients = Set.of("Meeta", "Rashmi", "John", "Ken");
        private final Map<String, AtomicLong> accounts = new ConcurrentHashMap<>();
        private final Set<String> loggedOn = ConcurrentHashMap.newKeySet();
        private final List<String> log;

        ShopServer(List<String> log) {
            this.log = log;
        }

        @Override
        public void logOn(String client) throws ShopException {
            if (!clients.contains(client)) {
                throw new ShopException("unknown client " + client);
            }
            accounts.putIfAbsent(client, new AtomicLong());
            loggedOn.add(client);
            log.add(client + " logged on");
        }

        private AtomicLong account(String client) throws ShopException {
            AtomicLong a = accounts.get(client);
            if (a == null) {
                throw new ShopException("unknown account " + client);
            }
            return a;
        }

        @Override
        public void deposit(String client, long cents) throws ShopException {
            account(client).addAndGet(cents);
        }

        @Override
        public long balance(String client) throws ShopException {
            return account(client).get();
        }

        @Override
        public void buy(String client, String product, long cents) throws ShopException {
            account(client).addAndGet(-cents); // no funds check, as in the book
            log.add(client + " bought " + product + " for " + money(cents));
        }

        @Override
        public void logOut(String client) {
            loggedOn.remove(client);
            log.add(client + " logged out");
        }

        @Override
        public Map<String, Long> allAccounts() {
            var out = new TreeMap<String, Long>();
            accounts.forEach((k, v) -> out.put(k, v.get()));
            return out;
        }
    }

    /** Cents as "63.00"; below zero (the shop checks no funds) as "-0.50", the sign kept for less than a unit too. */
    public static String money(long cents) {
        return String.format(Locale.ROOT, "%s%d.%02d", cents < 0 ? "-" : "", Math.abs(cents / 100), Math.abs(cents % 100));
    }

    /** The book's client script, against any shop. Returns the final balances. */
    public static Map<String, Long> clientScript(Shop shop) throws RemoteException, ShopException {
        shop.logOn("Rashmi");
        shop.deposit("Rashmi", 100_00);
        shop.buy("Rashmi", "a book", 37_00);
        shop.logOut("Rashmi");
        shop.logOn("Meeta");
        shop.deposit("Meeta", 50_00);
        shop.deposit("Meeta", 50_00);
        shop.logOut("Meeta");
        return shop.allAccounts();
    }

    public static void main(String[] args) {
        var options = RecipeOptions.of(RmiShop.class);
        RecipeMain.run(args, options, opt -> {
            List<String> log = java.util.Collections.synchronizedList(new ArrayList<>());
            try (var rmi = LoopbackRmi.start()) {
                rmi.bind(NAME, new ShopServer(log));
                Shop shop = rmi.lookup(NAME);
                var balances = clientScript(shop);
                log.forEach(l -> System.out.println("server: " + l));
                balances.forEach((client, cents) -> System.out.println("account " + client + ": " + money(cents)));
                try {
                    shop.deposit("Nobody", 1);
                } catch (ShopException e) {
                    System.out.println("deposit to Nobody: " + e.getMessage());
                }
            }
        });
    }
}
