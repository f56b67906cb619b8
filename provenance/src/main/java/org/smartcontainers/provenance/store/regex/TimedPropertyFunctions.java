package org.smartcontainers.provenance.store.regex;

import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.rdf.model.impl.Util;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.ExecutionContext;
import org.apache.jena.sparql.engine.QueryIterator;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.engine.binding.BindingFactory;
import org.apache.jena.sparql.engine.iterator.QueryIterPlainWrapper;
import org.apache.jena.sparql.pfunction.PropFuncArg;
import org.apache.jena.sparql.pfunction.PropertyFunction;
import org.apache.jena.sparql.pfunction.PropertyFunctionFactory;
import org.apache.jena.sparql.pfunction.PropertyFunctionRegistry;
import org.apache.jena.sparql.pfunction.library.strSplit;
import org.apache.jena.sparql.util.IterLib;

/**
 * The property functions one query sees: Jena's registry, read through, except that
 * {@code apf:strSplit}, the one that takes a regular expression, splits {@link TimedText}.
 */
final class TimedPropertyFunctions extends PropertyFunctionRegistry {
    private final PropertyFunctionRegistry jena;
    private final Deadline deadline;

    TimedPropertyFunctions(PropertyFunctionRegistry jena, Deadline deadline) {
        this.jena = jena;
        this.deadline = deadline;
    }

    @Override
    public PropertyFunctionFactory get(String uri) {
        PropertyFunctionFactory factory = jena.get(uri);
        if (factory == null) {
            return null;
        }
        return iri -> {
            PropertyFunction function = factory.create(iri);
            return function instanceof strSplit ? new TimedStrSplit() : function;
        };
    }

    @Override
    public boolean manages(String uri) {
        return jena.manages(uri);
    }

    @Override
    public boolean isRegistered(String uri) {
        return jena.isRegistered(uri);
    }

    @Override
    public Iterator<String> keys() {
        return jena.keys();
    }

    /** Jena's strSplit (its build checks, its answers), splitting as String.split does, timed. */
    private final class TimedStrSplit extends strSplit {
        @Override
        public QueryIterator execEvaluated(Binding binding, Node subject, Node predicate, PropFuncArg object,
                ExecutionContext execCxt) {
            if (!object.getArg(0).isLiteral() || !object.getArg(1).isLiteral()) {
                return IterLib.noResults(execCxt);
            }
            String text = object.getArg(0).getLiteralLexicalForm();
            String regex = object.getArg(1).getLiteralLexicalForm();
            // String.split(regex) is Pattern.compile(regex).split(text); StrUtils.split then trims each.
            List<String> tokens = Arrays.stream(Pattern.compile(regex)
                    .split(new TimedText(text, deadline))).map(String::trim).toList();
            if (Var.isVar(subject)) {
                Var var = Var.alloc(subject);
                return QueryIterPlainWrapper.create(tokens.stream()
                        .map(token -> BindingFactory.binding(binding, var, NodeFactory.createLiteralString(token)))
                        .iterator(), execCxt);
            }
            if (Util.isSimpleString(subject) && tokens.contains(subject.getLiteralLexicalForm())) {
                return IterLib.result(binding, execCxt);
            }
            return IterLib.noResults(execCxt);
        }
    }
}
