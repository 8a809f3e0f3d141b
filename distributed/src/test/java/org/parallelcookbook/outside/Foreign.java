package org.parallelcookbook.outside;

import java.rmi.Remote;
import java.rmi.RemoteException;

/** A remote interface outside the recipes' package: a stub of it must not reach a recipe's client. */
public interface Foreign extends Remote {
    String hello() throws RemoteException;
}
