"""What the linted file can know of the project's other modules and of installed packages, read from
their source alone: where a module is (finder), what it defines (summaries), and the classes a name
stands for (Project). Nothing is imported and no code of the project or of a package ever runs."""
