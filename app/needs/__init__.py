"""Needs (participant profiles): what a program asks partners for."""
