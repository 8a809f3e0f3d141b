package org.parallelcookbook.distributed;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.ExecutionCallback;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.core.HazelcastInstanceNotActiveException;
import com.hazelcast.core.IExecutorService;
import com.hazelcast.core.MemberLeftException;
import com.hazelcast.spi.exception.TargetNotMemberException;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.parallelcookbook.core.Recipe;
import org.parallelcookbook.core.RecipeMain;
import org.parallelcookbook.core.RecipeOptions;
import org.parallelcookbook.core.UsageException;
import org.parallelcookbook.distributed.HazelcastSetup.MemberOptions;

/**
 * <b>How to create a task with Celery</b> (book chapter 5).
 *
 * <p>The book declares {@code @app.task def add(x, y): return x + y}, starts a worker, and calls
 * {@code add.delay(5, 5)} from the client; the worker's log shows the task succeeded with 10.
 * {@code delay} is shorthand for {@code apply_async}, which also takes options such as the queue.
 *
 * <p><b>Java:</b> a task is a {@code Callable} that is also {@code Serializable} (it travels to
 * the member that runs it; only this module's classes pass the deserialization filter there).
 * {@code executor.submit(task)} is {@code delay} (any member); {@code submitToMember}
 * ({@link #applyAsync}) and {@code submitToKeyOwner} ({@link #applyAsyncToKeyOwner}: the member that
 * owns a key's partition, where that key's data lives) are {@code apply_async} with routing options.
 * The task learns which member runs it through {@code HazelcastInstanceAware}, so the result says
 * where it ran.
 *
 * <p><b>Nothing lost:</b> {@link #runBatch} sends a batch of tasks round-robin to every member and
 * resubmits each task whose member died before answering ({@code MemberLeftException},
 * {@code TargetNotMemberException}). Hazelcast does not rerun such a task by itself: a task may have
 * had side effects before its member died, so only the caller knows whether running it again is
 * safe. These tasks are pure, so a retry is always safe and every task yields exactly one result.
 * With {@code --kill-one} the recipe kills one of three members while the batch is in flight, and
 * makes sure the victim really holds unfinished work when it dies: the tasks after the kill point
 * wait at a gate (in this JVM, so only with embedded members) that opens just after the kill, and the
 * kill waits until the victim has started some of them.
 *
 * <p>Run: {@code ./cookbook run ch5.celery-task [--batch N] [--kill-one] [--member HOST:PORT]};
 * round-trip time of a trivial task: {@code ./cookbook bench ch5.celery-task}.
 */
@Recipe(id = "ch5.celery-task", chapter = 5, title = "How to create a task with Celery",
        tourArgs = {"--batch", "1000", "--kill-one"}, bench = ExecutorRoundTripBenchmark.class)
public final class AddTask {

    private AddTask() {
    }

    /** What a task returns: its value and the member that computed it. */
    public record Outcome(int value, String memberUuid, String memberAddress) implements Serializable {
    }

    /** {@code add(x, y)} as a task; it optionally works {@code workMillis} first (a slow task). */
    public static final class Add implements Callable<Outcome>, Serializable, HazelcastInstanceAware {
        private static final long serialVersionUID = 1L;
        private final int x;
        private final int y;
        private final int workMillis;
        private final String gate;
        private transient HazelcastInstance local;

        public Add(int x, int y) {
            this(x, y, 0);
        }

        public Add(int x, int y, int workMillis) {
            this(x, y, workMillis, null);
        }

        /** A task that, before it works, waits at the in-JVM gate {@code gate} (null: no gate). */
        Add(int x, int y, int workMillis, String gate) {
            this.x = x;
            this.y = y;
            this.workMillis = workMillis;
            this.gate = gate;
        }

        @Override
        public void setHazelcastInstance(HazelcastInstance instance) {
            this.local = instance;
        }

        @Override
        public Outcome call() throws InterruptedException {
            Gate g = gate == null ? null : GATES.get(gate);
            if (g != null) {
                g.hold(local.getCluster().getLocalMember().getUuid().toString());
            }
            if (workMillis > 0) {
                Thread.sleep(workMillis); // the task's own (simulated) work, as in the book's examples
            }
            Member me = local.getCluster().getLocalMember();
            return new Outcome(x + y, me.getUuid().toString(), me.getAddress().getHost() + ":" + me.getAddress().getPort());
        }
    }

    /**
     * Where the fault batch's later tasks wait until the victim has been killed. Tasks reach it only
     * on members embedded in this JVM (they share its static state), which is where a kill happens.
     */
    static final Map<String, Gate> GATES = new ConcurrentHashMap<>();

    /** A gate: counts, per member, the tasks that started and now wait; {@link #open()} lets them go. */
    static final class Gate {
        private final CountDownLatch open = new CountDownLatch(1);
        private final Map<String, AtomicInteger> holding = new ConcurrentHashMap<>();
        private final Duration limit;

        Gate(Duration limit) {
            this.limit = limit;
        }

        void hold(String memberUuid) throws InterruptedException {
            holding.computeIfAbsent(memberUuid, k -> new AtomicInteger()).incrementAndGet();
            if (!open.await(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("gate not opened within " + limit);
            }
        }

        int holding(String memberUuid) {
            AtomicInteger n = holding.get(memberUuid);
            return n == null ? 0 : n.get();
        }

        void open() {
            open.countDown();
        }
    }

    /** {@code add.delay(x, y)}: run on whichever member the executor picks. */
    public static Future<Outcome> delay(IExecutorService executor, int x, int y) {
        return executor.submit(new Add(x, y));
    }

    /** {@code add.apply_async((x, y), ...)} routed to one member. */
    public static Future<Outcome> applyAsync(IExecutorService executor, int x, int y, Member member) {
        return executor.submitToMember(new Add(x, y), member);
    }

    /** {@code add.apply_async((x, y), ...)} routed to the member that owns {@code key}'s partition. */
    public static Future<Outcome> applyAsyncToKeyOwner(IExecutorService executor, int x, int y, Object key) {
        return executor.submitToKeyOwner(new Add(x, y), key);
    }

    /**
     * The outcome of a batch.
     *
     * @param tasks      tasks submitted
     * @param results    task index -> value, one entry per task that produced a result
     * @param duplicates results that arrived for a task that already had one (0 when nothing is lost
     *                   or doubled)
     * @param retried    resubmissions after the task's member died
     * @param perMember  results by the address of the member that computed them
     * @param killed     the member killed during the batch, or null
     * @param heldByKilled tasks the killed member had started and not finished when it died (each
     *                   one must be retried); 0 without a kill
     */
    public record Batch(int tasks, Map<Integer, Integer> results, int duplicates, int retried,
                        Map<String, Integer> perMember, String killed, int heldByKilled) {
        public Batch {
            results = Map.copyOf(results);
            perMember = Map.copyOf(new TreeMap<>(perMember));
        }
    }

    /**
     * Runs {@code tasks} tasks {@code add(i, i)} (each working {@code workMillis}) round-robin over
     * the cluster's members and waits for one result per task. When {@code killAfter >= 0} the first
     * {@code killAfter} tasks run and answer, then the rest go out and wait at a gate that opens only
     * after the kill; the last embedded member is terminated as soon as it has started (and so not
     * finished) at least one of them, so the victim provably dies holding unfinished tasks, running and
     * queued.
     */
    public static Batch runBatch(Cluster cluster, int tasks, int workMillis, int killAfter, Duration timeout)
            throws InterruptedException, TimeoutException {
        if (killAfter >= 0 && (cluster.isRemote() || cluster.embeddedMembers().size() < 2)) {
            throw new IllegalArgumentException("killing a member needs at least two embedded members");
        }
        IExecutorService executor = cluster.executor();
        HazelcastInstance entry = cluster.entry();
        var results = new ConcurrentHashMap<Integer, Integer>();
        var perMember = new ConcurrentHashMap<String, Integer>();
        var duplicates = new AtomicInteger();
        var retried = new AtomicInteger();
        var failures = new ConcurrentHashMap<Integer, Throwable>();
        var done = new CountDownLatch(tasks);
        var killPoint = new CountDownLatch(killAfter >= 0 ? Math.min(killAfter, tasks) : 0);
        var next = new AtomicInteger();
        String gateName = killAfter >= 0 ? "batch-" + UUID.randomUUID() : null;
        Gate gate = gateName == null ? null : new Gate(timeout);
        if (gate != null) {
            GATES.put(gateName, gate);
        }
        try {
            var submitter = new Object() {
                void submit(int i, int attempt) {
                    List<Member> members = new ArrayList<>(entry.getCluster().getMembers());
                    Member target = members.get(Math.floorMod(next.getAndIncrement(), members.size()));
                    String taskGate = i >= killAfter ? gateName : null; // the first killAfter tasks run at once
                    executor.submitToMember(new Add(i, i, workMillis, taskGate), target, new ExecutionCallback<Outcome>() {
                        @Override
                        public void onResponse(Outcome o) {
                            if (results.putIfAbsent(i, o.value()) == null) {
                                perMember.merge(o.memberAddress(), 1, Integer::sum);
                                killPoint.countDown();
                                done.countDown();
                            } else {
                                duplicates.incrementAndGet();
                            }
                        }

                        @Override
                        public void onFailure(Throwable t) {
                            if (memberLost(t) && attempt < 10) {
                                retried.incrementAndGet();
                                submit(i, attempt + 1);
                            } else {
                                failures.put(i, t);
                                done.countDown();
                            }
                        }
                    });
                }
            };
            for (int i = 0; i < tasks; i++) {
                // the gated part goes out only once the first part has answered: no gated task can
                // take an executor thread that a first-part task still needs
                if (i == killAfter && !killPoint.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new TimeoutException("fewer than " + killAfter + " results within " + timeout);
                }
                submitter.submit(i, 1);
            }
            String killed = null;
            int held = 0;
            if (killAfter >= 0) {
                if (!killPoint.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new TimeoutException("fewer than " + killAfter + " results within " + timeout);
                }
                List<HazelcastInstance> live = cluster.embeddedMembers();
                HazelcastInstance victim = live.get(live.size() - 1);
                String victimUuid = victim.getCluster().getLocalMember().getUuid().toString();
                Eventually.await(timeout, () -> gate.holding(victimUuid) > 0,
                        () -> "member " + Cluster.address(victim) + " starting a task of the batch's second part");
                killed = Cluster.address(victim);
                held = gate.holding(victimUuid);
                cluster.kill(victim);
                gate.open();
            }
            if (!done.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new TimeoutException((tasks - results.size()) + " of " + tasks + " tasks unanswered after " + timeout);
            }
            if (!failures.isEmpty()) {
                var first = failures.entrySet().iterator().next();
                throw new IllegalStateException(failures.size() + " tasks failed, e.g. task " + first.getKey() + ": "
                        + first.getValue(), first.getValue());
            }
            return new Batch(tasks, results, duplicates.get(), retried.get(), perMember, killed, held);
        } finally {
            if (gate != null) {
                gate.open();
                GATES.remove(gateName);
            }
        }
    }

    /** True when a task failed only because its member went away (so running it again is the fix). */
    static boolean memberLost(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof MemberLeftException || c instanceof TargetNotMemberException
                    || c instanceof HazelcastInstanceNotActiveException) {
                return true;
            }
        }
        return false;
    }

    public static void main(String[] args) {
        var options = Cluster.declare(RecipeOptions.of(AddTask.class))
                .intOption("--batch", 0, 0, Integer.MAX_VALUE, "tasks in the batch sent to the cluster (0 sends the single add(4, 4))")
                .intOption("--work-ms", 2, 0, Integer.MAX_VALUE, "simulated work of each task, in ms")
                .flag("--kill-one", "kill one embedded member while the batch runs (failover)");
        RecipeMain.run(args, options, opt -> {
            int batch = opt.intValue("--batch");
            int work = opt.intValue("--work-ms");
            boolean killOne = opt.flag("--kill-one");
            if (killOne && !Cluster.memberArgs(opt).isEmpty()) {
                throw new UsageException("--kill-one kills an embedded member; it cannot be combined with --member");
            }
            if (killOne && batch == 0) {
                throw new UsageException("--kill-one needs a --batch to kill a member under");
            }
            try (var cluster = Cluster.fromOptions(opt, killOne ? 3 : 2, false)) {
                IExecutorService executor = cluster.executor();
                Outcome r = delay(executor, 5, 5).get(30, TimeUnit.SECONDS);
                System.out.printf("add.delay(5, 5) -> %d  (ran on member %s)%n", r.value(), r.memberAddress());
                for (Member m : cluster.memberList()) {
                    Outcome o = applyAsync(executor, 5, 5, m).get(30, TimeUnit.SECONDS);
                    System.out.printf("apply_async to %s -> %d  (ran on member %s, uuid %s)%n",
                            m.getAddress(), o.value(), o.memberAddress(), o.memberUuid());
                }
                Outcome k = applyAsyncToKeyOwner(executor, 5, 5, "add").get(30, TimeUnit.SECONDS);
                System.out.printf("apply_async to the owner of key 'add' -> %d  (ran on member %s)%n", k.value(),
                        k.memberAddress());
                if (batch > 0) {
                    Batch b = runBatch(cluster, batch, work, killOne ? batch / 5 : -1, Duration.ofSeconds(120));
                    boolean allRight = b.results().entrySet().stream().allMatch(e -> e.getValue() == 2 * e.getKey());
                    System.out.printf("batch: %d tasks, %d results (%s), %d duplicates, %d retried after a member died%s%n",
                            b.tasks(), b.results().size(), allRight ? "all correct" : "WRONG VALUES", b.duplicates(),
                            b.retried(), b.killed() == null ? "" : "; killed " + b.killed() + " in flight, holding "
                                    + b.heldByKilled() + " started task(s) and its queue");
                    System.out.println("results per member: " + b.perMember());
                }
            } catch (ExecutionException e) {
                throw new IllegalStateException("task failed: " + e.getCause(), e.getCause());
            }
        });
    }
}
